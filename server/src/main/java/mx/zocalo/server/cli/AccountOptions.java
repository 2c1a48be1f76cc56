package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Sessions;
import picocli.CommandLine.Option;

/**
 * The accounts options of {@code serve} and {@code demo}: session expiry, whether cookies are always {@code Secure}, and
 * the limits of what signed-in publishers upload and citizens submit.
 */
final class AccountOptions {
    @Option(names = "--secure-cookies",
            description = "Mark the session cookie Secure on every request (behind a proxy that ends TLS and does not send "
                    + "X-Forwarded-Proto). Without it, cookies are Secure when the request came by https.")
    boolean secureCookies;

    @Option(names = "--session-idle", paramLabel = "HOURS", defaultValue = "8",
            description = "A session ends after this many hours without a request. Default: ${DEFAULT-VALUE}")
    int idleHours;

    @Option(names = "--session-max", paramLabel = "DAYS", defaultValue = "7",
            description = "A session ends this many days after sign-in, whatever its use. Default: ${DEFAULT-VALUE}")
    int maxDays;

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "100",
            description = "Largest file a publisher may upload on /publish or the API (413 above). Default: ${DEFAULT-VALUE}")
    int maxUploadMb;

    @Option(names = "--uploads-per-hour", paramLabel = "N", defaultValue = "30",
            description = "Uploads per user per hour (429 with Retry-After above). Default: ${DEFAULT-VALUE}")
    int uploadsPerHour;

    @Option(names = "--max-submission-mb", paramLabel = "MB", defaultValue = "20",
            description = "Largest file a citizen may submit on /submit (413 above). Default: ${DEFAULT-VALUE}")
    int maxSubmissionMb;

    @Option(names = "--submissions-per-hour", paramLabel = "N", defaultValue = "5",
            description = "Submissions per address per hour (429 with Retry-After above). Default: ${DEFAULT-VALUE}")
    int submissionsPerHour;

    /** The server's accounts, cookies and limits from these options. */
    mx.zocalo.server.web.PortalServer.Builder apply(mx.zocalo.server.web.PortalServer.Builder b, Accounts a) {
        if (maxUploadMb < 1 || uploadsPerHour < 1 || maxSubmissionMb < 1 || submissionsPerHour < 1) {
            throw new IllegalArgumentException("--max-upload-mb, --uploads-per-hour, --max-submission-mb and --submissions-per-hour are at least 1");
        }
        return b.accounts(a).secureCookies(secureCookies)
                .uploadLimits(mx.zocalo.server.publish.Upload.Limits.defaults().withMaxBytes((long) maxUploadMb << 20).withPerHour(uploadsPerHour))
                .submissionLimits(mx.zocalo.server.submissions.SubmissionLimits.defaults().maxBytes((long) maxSubmissionMb << 20)
                        .perAddress(submissionsPerHour, Duration.ofHours(1)));
    }

    /** Opens the accounts database of {@code dataDir} ({@code DIR/accounts}) with these limits. */
    Accounts open(Path dataDir) {
        if (idleHours < 1 || maxDays < 1) throw new IllegalArgumentException("--session-idle and --session-max are at least 1");
        return Accounts.open(dataDir).sessionLimits(new Sessions.Limits(Duration.ofHours(idleHours), Duration.ofDays(maxDays)));
    }
}
