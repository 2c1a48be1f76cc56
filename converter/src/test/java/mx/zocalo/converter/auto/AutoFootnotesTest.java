package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import mx.zocalo.converter.TestData;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Footnotes under a real table, cut in two by a comma, do not become rows, identifiers or spoil a column's datatype. */
class AutoFootnotesTest {
    static final String BASE = "https://datos.example.mx/";

    @TempDir
    Path dir;

    /** A copy of a real file with {@code lines} appended in the file's encoding. */
    private Path withLines(String name, Charset charset, String... lines) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(TestData.file(name), copy);
        try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.APPEND)) {
            for (String l : lines) {
                out.write((l + "\r\n").getBytes(charset));
            }
        }
        return copy;
    }

    @Test
    void given_the_municipal_poverty_table_with_a_source_line_cut_by_a_comma_when_converted_then_clave_mun_still_names_the_rows()
            throws IOException {
        Path file = withLines("Indicadores_municipales_sabana_DA.csv", Charset.forName("windows-1252"),
                "FUENTE: estimaciones del CONEVAL con base en el MCS-ENIGH 2010, y la muestra del Censo de Población y Vivienda 2010.");
        AutoMapping m = AutoMapping.infer(file, TableOptions.AUTO, BASE, "pobreza", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(m.rows()).isEqualTo(2456);
        assertThat(m.idColumn()).isNotNull().extracting(ColumnProfile::title).isEqualTo("clave_mun");
        assertThat(AutoMappingTest.rowResources(g, m)).isEqualTo(2456);
        assertThat(g.find().mapWith(Triple::getSubject).filterKeep(Node::isURI).mapWith(Node::getURI).toSet())
                .noneMatch(iri -> iri.contains("FUENTE")).contains(BASE + "id/pobreza/19039");
        assertThat(AutoMappingTest.types(m)).containsEntry("pobtot_ajustada", ColumnType.INTEGER);
    }

    @Test
    void given_the_census_dictionary_with_notes_cut_by_commas_when_converted_then_no_row_and_num_stays_integer()
            throws IOException {
        Path file = withLines("diccionario_datos_agebmza_urbana_cpv2020.csv", StandardCharsets.UTF_8,
                "FUENTE: INEGI, Censo de Población y Vivienda 2020, cifras definitivas.",
                "Nota: n. d. = no disponible, cifras al 15 de marzo de 2020");
        AutoMapping m = AutoMapping.infer(file, TableOptions.AUTO, BASE, "diccionario", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(m.rows()).isEqualTo(230);
        assertThat(AutoMappingTest.types(m)).containsEntry("Núm.", ColumnType.INTEGER);
        assertThat(AutoMappingTest.rowResources(g, m)).isEqualTo(230);
        assertThat(AutoMappingTest.objects(g, m, "Núm.")).hasSize(230);
        assertThat(m.layoutNotes()).containsExactly(
                "2 footnote rows after the table left out (lines 232 to 233, text in the first columns only)");
    }

    @Test
    void given_the_spending_table_with_a_source_line_cut_by_a_comma_when_converted_then_ciclo_stays_integer() throws IOException {
        Path file = withLines("data_total.csv", StandardCharsets.UTF_8, "FUENTE: Secretaría de Hacienda y Crédito Público, cifras preliminares.");
        AutoMapping m = AutoMapping.infer(file, TableOptions.AUTO, BASE, "gasto", null);

        assertThat(m.rows()).isEqualTo(2064);
        assertThat(AutoMappingTest.types(m)).containsEntry("CICLO", ColumnType.INTEGER);
    }
}
