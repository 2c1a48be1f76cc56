package mx.zocalo.server.web;

import static mx.zocalo.server.web.TestPortal.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cuenta Pública mapping makes one resource of each row of its file, so the row API over it must agree with the file
 * itself read by Python's {@code csv} module (src/test/resources/python/cuenta_publica_totals.py): rows and sums per
 * year, sums of a column with empty cells, the largest amount per stage, and the first page sorted by amount.
 */
class RowApiCsvModuleTest {
    static final Path FILE = BundledPortal.MAPPINGS.resolve("cuenta-publica/data_total.csv");
    static final String ROWS = "/api/datasets/cuenta-publica/rows";
    static TestPortal portal;
    static JsonNode python;

    @BeforeAll
    static void read() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "no system Python");
        assumeTrue(Files.isRegularFile(FILE), "no ../mappings/cuenta-publica");
        Process p = new ProcessBuilder(py.toString(), "src/test/resources/python/cuenta_publica_totals.py", FILE.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        python = BundledPortal.JSON.readTree(out);
        portal = BundledPortal.get();
    }

    static JsonNode api(String query) throws Exception {
        return BundledPortal.json(portal.get(ROWS + "?" + query, null));
    }

    @Test
    void rows_and_sums_per_year_equal_the_file() throws Exception {
        JsonNode years = api("%24select=" + enc("ejercicio_fiscal, count(*) AS n, sum(monto_total) AS total, sum(pensiones_jubilaciones) AS p")
                + "&%24group=ejercicio_fiscal");
        assertThat(years).hasSize(python.path("years").size());
        for (JsonNode y : years) {
            JsonNode expected = python.path("years").path(y.path("ejercicio_fiscal").asText());
            assertThat(y.path("n").asLong()).isEqualTo(expected.path("rows").asLong());
            assertThat(y.path("total").decimalValue()).isEqualByComparingTo(new BigDecimal(expected.path("total").asText()));
            assertThat(y.path("p").decimalValue()).isEqualByComparingTo(new BigDecimal(expected.path("pensions").asText()));
        }
        long all = 0;
        for (JsonNode y : python.path("years")) all += y.path("rows").asLong();
        assertThat(portal.get(ROWS + "?%24limit=0", null).headers().firstValue(RowApi.TOTAL_HEADER)).hasValue(String.valueOf(all));
    }

    @Test
    void the_largest_amount_per_stage_equals_the_file() throws Exception {
        JsonNode stages = api("%24select=" + enc("etapa_presupuestal, max(monto_total) AS m") + "&%24group=etapa_presupuestal");
        assertThat(stages).hasSize(python.path("maxByStage").size());
        for (JsonNode s : stages) {
            assertThat(s.path("m").decimalValue()).as(s.path("etapa_presupuestal").asText())
                    .isEqualByComparingTo(new BigDecimal(python.path("maxByStage").path(s.path("etapa_presupuestal").asText()).asText()));
        }
    }

    @Test
    void the_first_page_by_amount_equals_the_file_sorted() throws Exception {
        JsonNode page = api("%24select=" + enc("ramo.label, ejercicio_fiscal, etapa_presupuestal, monto_total")
                + "&%24order=" + enc("monto_total DESC, etapa_presupuestal, ramo.label, ejercicio_fiscal") + "&%24limit=5");
        for (int i = 0; i < 5; i++) {
            JsonNode expected = python.path("largest").get(i);
            assertThat(page.get(i).path("monto_total").decimalValue()).isEqualByComparingTo(new BigDecimal(expected.path("total").asText()));
            assertThat(page.get(i).path("ramo.label").asText()).isEqualTo(expected.path("ramo").asText());
            assertThat(page.get(i).path("ejercicio_fiscal").asText()).isEqualTo(expected.path("ciclo").asText());
            assertThat(page.get(i).path("etapa_presupuestal").asText()).isEqualTo(expected.path("presupuesto").asText());
        }
    }
}
