package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import mx.zocalo.server.table.TableModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row API follows publishing: a republish changes the model and the answers; data published before models were kept still answers. */
class RowApiPublishTest {
    @TempDir
    Path tmp;

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
    }

    @Test
    void a_republish_changes_the_answers_and_a_missing_model_is_computed_again() throws Exception {
        Path fixture = tmp.resolve("pagos-prueba");
        copy(TestPortal.FIXTURE, fixture);
        try (TestPortal portal = new TestPortal(tmp.resolve("data"))) {
            portal.publisher.publish(fixture, false);
            String path = "/api/datasets/pagos-prueba/rows?%24select=" + TestPortal.enc("count(*) AS n, sum(monto) AS total");
            HttpResponse<String> before = portal.get(path, null);
            assertThat(before.body()).isEqualTo("[{\"n\":4,\"total\":353821.25}]");
            assertThat(portal.get(path, null).headers().firstValue("X-Cache")).hasValue("hit");

            Files.writeString(fixture.resolve("pagos.csv"), "5,Papelería Núñez,Lápices,100.00,2024-03-15\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            portal.publisher.publish(fixture, false);
            HttpResponse<String> after = portal.get(path, null);
            assertThat(after.headers().firstValue("X-Cache")).isEmpty();
            assertThat(after.body()).isEqualTo("[{\"n\":5,\"total\":353921.25}]");
            assertThat(BundledPortal.json(portal.get("/api/datasets/pagos-prueba", null)).path("tables").get(0).path("rows").asLong()).isEqualTo(5);
        }
        // data published before table models were kept: the model is computed when first asked for, and kept
        Path model = tmp.resolve("data/files/pagos-prueba").resolve(TableModels.FILE);
        Files.delete(model);
        try (TestPortal portal = new TestPortal(tmp.resolve("data"))) {
            HttpResponse<String> tables = portal.get("/api/datasets/pagos-prueba", null);
            assertThat(tables.statusCode()).isEqualTo(200);
            assertThat(BundledPortal.json(tables).path("tables").get(0).path("name").asText()).isEqualTo("pago");
            assertThat(model).isRegularFile();

            // withdrawn: gone, said in JSON
            new mx.zocalo.server.publish.Unpublisher(portal.store, portal.iris).unpublish("pagos-prueba");
            for (String gone : new String[] {"/api/datasets/pagos-prueba", "/api/datasets/pagos-prueba/rows.csv"}) {
                HttpResponse<String> r = portal.get(gone, null, "en");
                assertThat(r.statusCode()).as(gone).isEqualTo(410);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(BundledPortal.JSON.readTree(r.body()).path("error").path("message").asText()).contains("withdrawn");
            }
        }
    }
}
