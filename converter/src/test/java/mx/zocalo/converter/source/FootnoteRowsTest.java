package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.TestData;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Footnote rows under real tables, written as publishers write them: quoted, or cut by the delimiter into two cells,
 * or a label in column A and its text in column B of a workbook.
 */
class FootnoteRowsTest {
    @TempDir
    Path dir;

    private static List<TableRow> readAll(TableReader table) {
        List<TableRow> rows = new ArrayList<>();
        for (TableRow r = table.next(); r != null; r = table.next()) {
            rows.add(r);
        }
        return rows;
    }

    /** A copy of a real file with {@code lines} appended (CRLF, as the file ends its lines). */
    private Path withLines(String name, String... lines) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(TestData.file(name), copy);
        try (OutputStream out = Files.newOutputStream(copy, java.nio.file.StandardOpenOption.APPEND)) {
            for (String l : lines) {
                out.write((l + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FUENTE: Secretaría de Hacienda y Crédito Público, cifras preliminares.",       // cut in two by the comma
        "\"FUENTE: Secretaría de Hacienda y Crédito Público, cifras preliminares.\"",   // quoted: one cell
        "FUENTE: Secretaría de Hacienda y Crédito Público; cifras preliminares.",        // one cell
        "Fuente: SHCP, Cuenta Pública 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031"})
    void given_the_spending_table_with_a_source_line_and_a_legend_under_it_when_read_then_both_are_left_out(String source)
            throws IOException {
        Path file = withLines("data_total.csv", "", source, "Nota: n. d. = no disponible, cifras al 31 de diciembre");
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            List<TableRow> rows = readAll(table);
            assertThat(rows).hasSize(2064).allSatisfy(r -> assertThat(r.value(0)).matches("20[0-9]{2}"));
            assertThat(table.layoutNotes()).containsExactly(
                    "2 footnote rows after the table left out (lines 2067 to 2068, text in the first columns only)");
        }
    }

    @Test
    void given_the_census_dictionary_with_notes_cut_by_commas_when_read_then_they_are_left_out() throws IOException {
        Path file = withLines("diccionario_datos_agebmza_urbana_cpv2020.csv",
                "FUENTE: INEGI, Censo de Población y Vivienda 2020, Principales resultados por AGEB y manzana urbana.",
                "Notas: 1/ Cifras definitivas, 2/ sin localidades de una y dos viviendas.",
                "\"Elaboración: Dirección de Estadística, con datos del INEGI.\"");
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            List<TableRow> rows = readAll(table);
            assertThat(rows).hasSize(230).allSatisfy(r -> assertThat(r.value(0)).matches("[0-9]+"));
            assertThat(table.layoutNotes()).containsExactly(
                    "3 footnote rows after the table left out (lines 232 to 234, text in the first columns only)");
        }
    }

    @Test
    void given_a_two_column_table_with_lines_without_delimiter_under_it_when_read_then_they_are_footnotes_and_a_full_row_is_data()
            throws IOException {
        Path file = dir.resolve("poblacion.csv");
        Files.writeString(file, "entidad,poblacion\nAguascalientes,1425607\nBaja California,3769020\nChiapas,\n"
                + "\"Fuente: INEGI, Censo 2020\"\nCifras al 15 de marzo de 2020\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            // "Chiapas," writes its empty second cell: a data row; the two lines without a delimiter are notes
            assertThat(readAll(table)).extracting(r -> r.value(0)).containsExactly("Aguascalientes", "Baja California", "Chiapas");
            assertThat(table.layoutNotes()).containsExactly(
                    "2 footnote rows after the table left out (lines 5 to 6, text in the first column only)");
        }
        // A note cut by a comma into as many cells as the header has columns cannot be told from a row: it stays data.
        Files.writeString(file, "entidad,poblacion\nAguascalientes,1425607\nFuente: INEGI, Censo 2020\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(readAll(table)).extracting(r -> r.value(0)).containsExactly("Aguascalientes", "Fuente: INEGI");
        }
    }

    @Test
    void given_notes_followed_by_data_or_two_cells_without_a_footnote_word_when_read_then_they_stay_data() throws IOException {
        Path file = dir.resolve("accidentes.csv");
        Files.writeString(file, """
                entidad_federativa,mes,accidentes,danios_materiales_millones,heridos,muertos
                Aguascalientes,enero,17.0,0.738,21.0,3.0
                Nota: cifras revisadas,,,,,
                Aguascalientes,febrero,15.0,0.713,16.0,2.0
                Zona metropolitana, Monterrey,,,,
                """, StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(readAll(table)).extracting(r -> r.value(0))
                    .containsExactly("Aguascalientes", "Nota: cifras revisadas", "Aguascalientes", "Zona metropolitana");
            assertThat(table.layoutNotes()).isEmpty();
        }
    }

    @Test
    void given_a_workbook_of_the_accidents_with_a_label_in_column_a_and_its_text_in_b_when_read_then_the_notes_are_left_out()
            throws IOException {
        Path file = dir.resolve("accidentes.xlsx");
        List<String> lines = Files.readAllLines(TestData.file("sct_71_accidentes_mes.csv"), StandardCharsets.UTF_8);
        try (Workbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("accidentes");
            int r = 0;
            for (String line : lines) {
                Row row = sheet.createRow(r++);
                String[] cells = line.split(",");
                for (int c = 0; c < cells.length; c++) {
                    if (r > 1 && c >= 2) {
                        row.createCell(c).setCellValue(Double.parseDouble(cells[c]));
                    } else {
                        row.createCell(c).setCellValue(cells[c]);
                    }
                }
            }
            r++;
            Row source = sheet.createRow(r++);
            source.createCell(0).setCellValue("Fuente:");
            source.createCell(1).setCellValue("SCT, Anuario estadístico de accidentes en carreteras federales");
            sheet.createRow(r).createCell(0).setCellValue("* Cifras preliminares");
            wb.write(out);
        }
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            List<TableRow> rows = readAll(table);
            assertThat(rows).hasSize(384);
            assertThat(rows.get(383).values()).startsWith("Zacatecas", "diciembre", "58");
            assertThat(table.layoutNotes()).containsExactly("sheet \"accidentes\": 2 footnote rows after the table left out"
                    + " (lines 387 to 388, text in the first columns only)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FUENTE: SHCP", "Fuente SHCP", "fuentes: INEGI", "Nota: cifras", "NOTAS:", "Nota 1: x",
        "Notas.- x", "Elaborado por la SHCP", "Elaboración propia", "ELABORACIÓN: x", "Source: World Bank", "Notes: x",
        "Note - x", "* Cifras preliminares", "** x", "n. d. = No disponible", "n.d.: no disponible", "N/D = no disponible",
        "NA = No aplica", "Cifras al 31 de diciembre", "1/ Incluye", "2/ Excluye", "(1) Incluye", "a/ Cifras", "p/ Preliminar",
        "[1] Véase", "Observaciones: x", "Fecha de actualización: 2024", "Fecha de corte: 2024", "Actualizado al 1 de enero",
        "Última actualización: 2024"})
    void given_text_starting_with_a_footnote_word_when_checked_then_it_is_one(String text) {
        assertThat(FootnoteRows.startsWithFootnoteWord(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fuenteovejuna", "Notable", "Nuevo León", "Aguascalientes", "2013", "1/2", "Cifrado",
        "Zona metropolitana", "n. d.", "*", "Observatorio", "Notario público"})
    void given_text_not_starting_with_a_footnote_word_when_checked_then_it_is_not_one(String text) {
        assertThat(FootnoteRows.startsWithFootnoteWord(text)).as(text).isFalse();
    }
}
