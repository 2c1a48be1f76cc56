package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.converter.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real file of the shared data set (see {@code data/LICENSE-NOTE.md}) read with {@link TableOptions#AUTO}: the
 * number of rows, a header, and Spanish text intact. The two files too large to keep in the repository are read from
 * {@code /work/shared/data} when it is there.
 */
public class RealFilesTest {
    private static final Path SHARED = Path.of("/work/shared/data");

    /**
     * Each file with its number of records, counted apart from the project's readers (Python's csv module for the CSV
     * files, less the title and header rows and the footnote lines the file shows; the municipalities with a five-digit
     * code for the municipal crime workbook; the publisher's figure for the state crime workbook), a header name and a
     * text some cell holds. Names starting with {@code /} are outside the repository.
     */
    public static Stream<Arguments> files() {
        return Stream.of(
                // file, rows, a header name, a text some cell holds
                Arguments.of("data_total.csv", 2064, "GI_INVERSIÓN_FÍSICA", "H. Cámara de Diputados"),
                Arguments.of("IncidenciaDelictivaEstatal.xlsx", 38016, "AÑO", "NUEVO LEON"),
                Arguments.of("siha_2_2_4_9_dic_2015.xlsx", 2457, "Clave", "Nuevo León"),
                Arguments.of("conjunto_de_datos_iter_19CSV20.csv", 4973, "NOM_ENT", "Nuevo León"),
                Arguments.of("diccionario_datos_iter_19CSV20.csv", 63, "Descripción", "Población"),
                Arguments.of("diccionario_datos_agebmza_urbana_cpv2020.csv", 230, "Mnemónico", "Población"),
                Arguments.of("Indicadores_municipales_sabana_DA.csv", 2456, "nom_ent", "Nuevo León"),
                Arguments.of("Indicadores_municipales_sabana_DIC.csv", 138, "column_1", "Población"),
                Arguments.of("uanl_dependencia_mes.csv", 144, "Sueldo Neto sum", "ADMIN"),
                Arguments.of("sct_71_accidentes_mes.csv", 384, "entidad_federativa", "Nuevo Leon"),
                Arguments.of("RESAGEBURB_17CSV20.csv.gz", 28824, "nom_ent", "Morelos"),
                Arguments.of(SHARED.resolve("bench/db_victimas_delitos_ent_long.csv.gz").toString(), 927360, "nombre_estado",
                        "Nuevo León"));
    }

    @ParameterizedTest(name = "{0}: {1} rows")
    @MethodSource("files")
    void given_real_file_when_read_with_everything_detected_then_rows_and_spanish_text_are_intact(String name, int rows,
            String column, String text) {
        Path file = name.startsWith("/") ? Path.of(name) : TestData.file(name);
        assumeTrue(Files.isRegularFile(file), "not in this checkout: " + file);
        long count = 0;
        boolean found = false;
        List<String> replaced = new ArrayList<>();
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.header()).contains(column).doesNotHaveDuplicates().noneMatch(String::isEmpty);
            assertThat(String.join(",", table.header())).doesNotContain("\uFFFD");
            for (TableRow r = table.next(); r != null; r = table.next()) {
                count++;
                for (String v : r.values()) {
                    if (v != null) {
                        found |= v.contains(text);
                        if (v.indexOf('\uFFFD') >= 0 && replaced.size() < 5) {
                            replaced.add("row " + r.number() + ": " + v);
                        }
                    }
                }
            }
        }
        assertThat(replaced).as("cells with U+FFFD").isEmpty();
        assertThat(found).as("some cell holds \"%s\"", text).isTrue();
        assertThat(count).isEqualTo(rows);
    }

    @org.junit.jupiter.api.Test
    void given_municipal_crime_workbook_when_header_is_detected_then_it_is_found_below_the_titles_and_codes_keep_zeros() {
        try (TableReader table = TableSources.open(TestData.file("siha_2_2_4_9_dic_2015.xlsx"), TableOptions.AUTO)) {
            assertThat(table.header()).startsWith("Clave", "Estado", "Municipio", "2011", "2012", "2013", "2014");
            List<TableRow> rows = new ArrayList<>();
            for (TableRow r = table.next(); r != null; r = table.next()) {
                rows.add(r);
            }
            assertThat(rows.get(0).line()).isEqualTo(5); // titles in sheet rows 1-2, header in row 4
            assertThat(rows.get(0).values()).startsWith("01001", "Aguascalientes", "Aguascalientes");
            assertThat(rows).anySatisfy(r -> assertThat(r.values()).startsWith("19039", "Nuevo León", "Monterrey"));
            // 2,457 municipalities (five-digit codes); the three footnote rows under them are left out, and said so.
            assertThat(rows).hasSize(2457).allSatisfy(r -> assertThat(r.value(0)).matches("[0-9]{5}"));
            assertThat(rows.get(2456).values()).startsWith("32058", "Zacatecas", "Santa María de la Paz");
            assertThat(table.layoutNotes()).containsExactly("header on line 4; the lines above it (1 title) left out",
                    "sheet \"Fuero común\": 3 footnote rows after the table left out (lines 2463 to 2466, text in the first column only)");
        }
    }
}
