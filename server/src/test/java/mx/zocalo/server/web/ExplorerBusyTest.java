package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import mx.zocalo.server.store.QuerySlots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With every query slot taken, the explorer answers as {@code /sparql} and the row API do: {@code 503} with
 * {@code Retry-After} (found by {@code zocalo bench soak}: the explorer's busy 503 had none), then the page once a slot
 * is free.
 */
class ExplorerBusyTest {
    @TempDir
    Path tmp;

    @Test
    void every_slot_taken_is_503_with_retry_after_then_the_page() throws Exception {
        QuerySlots slots = new QuerySlots(1, Duration.ZERO);
        try (TestPortal portal = new TestPortal(tmp.resolve("data"), SparqlLimits.defaults(), b -> b.querySlots(slots))) {
            portal.publisher.publish(TestPortal.FIXTURE, false);
            assertThat(slots.tryAcquire()).isTrue();
            try {
                HttpResponse<String> busy = portal.get("/dataset/pagos-prueba/explore", "text/html", "en");
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(busy.body()).contains("Every query slot is taken").doesNotContain("Exception");
                HttpResponse<String> json = portal.get("/dataset/pagos-prueba/explore.json", "application/json", "en");
                assertThat(json.statusCode()).isEqualTo(503);
                assertThat(json.headers().firstValue("Retry-After")).hasValue("5");
            } finally {
                slots.release();
            }
            assertThat(portal.get("/dataset/pagos-prueba/explore", "text/html", "en").statusCode()).isEqualTo(200);
        }
    }
}
