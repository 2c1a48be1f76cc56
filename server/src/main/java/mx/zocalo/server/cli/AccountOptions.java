package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Sessions;
import picocli.CommandLine.Option;

/** The accounts options of {@code serve} and {@code demo}: session expiry and whether cookies are always {@code Secure}. */
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

    /** Opens the accounts database of {@code dataDir} ({@code DIR/accounts}) with these limits. */
    Accounts open(Path dataDir) {
        if (idleHours < 1 || maxDays < 1) throw new IllegalArgumentException("--session-idle and --session-max are at least 1");
        return Accounts.open(dataDir).sessionLimits(new Sessions.Limits(Duration.ofHours(idleHours), Duration.ofDays(maxDays)));
    }
}
