package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import mx.zocalo.server.submissions.SubmissionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One address may send so many submissions per window: then 429 with Retry-After, until the window moves on. */
class SubmissionRateTest {
    @TempDir
    Path data;

    @Test
    void the_third_attempt_in_an_hour_is_429_with_retry_after() throws Exception {
        try (SubmissionPortal portal = new SubmissionPortal(data, SubmissionLimits.defaults().perAddress(2, Duration.ofHours(1)))) {
            assertThat(portal.submit(portal.filledForm("Primera"), SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(303);
            var wrong = portal.filledForm("Segunda, mal contestada");
            wrong.put("answer", "1000");
            assertThat(portal.submit(wrong, SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(400); // a refused attempt counts
            HttpResponse<String> third = portal.submit(portal.filledForm("Tercera"), SubmissionPortal.ACCIDENTS);
            assertThat(third.statusCode()).isEqualTo(429);
            long retry = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retry).isBetween(1L, 3600L);
            assertThat(portal.submissions.queue(null)).hasSize(1);
            portal.clock.advance(Duration.ofSeconds(retry));
            assertThat(portal.submit(portal.filledForm("Cuarta, una hora después"), SubmissionPortal.ACCIDENTS).statusCode()).isEqualTo(303);
        }
    }
}
