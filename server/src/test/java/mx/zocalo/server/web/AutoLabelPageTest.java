package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset published without a mapping: its rows' pages are titled by the names in the row, not by a number. */
class AutoLabelPageTest {
    @TempDir
    Path dir;

    @Test
    void a_row_of_a_dataset_without_mapping_is_titled_by_its_state_and_month_in_every_language() throws Exception {
        try (TestPortal portal = new TestPortal(dir.resolve("data"))) {
            portal.publisher.publish(Path.of("src/test/resources/fixtures/accidentes-sin-mapeo"), false);

            for (String language : new String[] {"es", "en"}) {
                HttpResponse<String> page = portal.get("/id/accidentes/row/13", "text/html", language);
                assertThat(page.statusCode()).isEqualTo(200);
                // line 14 of the table: Baja California,enero,...
                assertThat(page.body()).as(language).contains("<title>Baja California, enero · Zócalo</title>",
                        "<h1>Baja California, enero</h1>");
            }
        }
    }
}
