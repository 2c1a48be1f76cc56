package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablePreviewTest {

    @Test
    void given_csv_when_previewed_then_header_and_first_rows_with_empty_cells_as_empty_strings() {
        TablePreview preview = TablePreview.read(TestData.file("data_total.csv"), 3);

        assertThat(preview.header()).startsWith("CICLO", "ENTE", "RAMO", "PRESUPUESTO");
        assertThat(preview.rows()).hasSize(3);
        assertThat(preview.rows().get(0)).hasSize(preview.header().size()).startsWith("2013", "Poder Legislativo");
        assertThat(preview.rows().get(0).get(9)).isEmpty();
        assertThat(preview.lines()).containsExactly(2L, 3L, 4L); // under the header on line 1
    }

    @Test
    void given_xlsx_when_previewed_then_only_the_requested_rows_are_read() {
        TablePreview preview = TablePreview.read(TestData.file("IncidenciaDelictivaEstatal.xlsx"), 2);

        assertThat(preview.header()).first().isEqualTo("AÑO");
        assertThat(preview.rows()).hasSize(2);
        assertThat(preview.rows().get(1)).contains("DAÑO EN PROPIEDAD AJENA", "779");
    }

    @Test
    void given_workbook_with_a_title_above_the_header_when_previewed_then_the_header_is_the_real_one() {
        TablePreview preview = TablePreview.read(TestData.file("siha_2_2_4_9_dic_2015.xlsx"), 1);

        assertThat(preview.header()).startsWith("Clave", "Estado", "Municipio", "2011");
        assertThat(preview.rows().get(0)).startsWith("01001", "Aguascalientes");
    }

    @Test
    void given_a_short_table_with_a_source_line_cut_by_a_comma_when_previewed_then_the_line_is_not_a_row(@TempDir Path dir)
            throws java.io.IOException {
        // the first five rows of the accidents table, as the file writes them, then its source and a legend
        java.util.List<String> lines = java.nio.file.Files.readAllLines(TestData.file("sct_71_accidentes_mes.csv")).subList(0, 6);
        Path file = dir.resolve("accidentes.csv");
        java.nio.file.Files.writeString(file, String.join("\n", lines)
                + "\nFUENTE: SCT, Anuario estadístico de accidentes en carreteras federales.\nNota: cifras preliminares, sujetas a revisión\n");

        TablePreview preview = TablePreview.read(file, 10);

        assertThat(preview.rows()).hasSize(5).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("Aguascalientes"));
    }

    @Test
    void given_missing_file_when_previewed_then_conversion_exception_names_it(@TempDir Path dir) {
        assertThatThrownBy(() -> TablePreview.read(dir.resolve("no.csv"), 5))
                .isInstanceOf(ConversionException.class).hasMessageContaining("no.csv");
    }
}
