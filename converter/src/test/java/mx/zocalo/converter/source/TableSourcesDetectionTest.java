package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.TestData;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding, delimiter and header detection; column names; all sheets; merged header cells. */
class TableSourcesDetectionTest {
    @TempDir
    Path dir;

    private static List<TableRow> readAll(TableReader table) {
        List<TableRow> rows = new ArrayList<>();
        for (TableRow r = table.next(); r != null; r = table.next()) {
            rows.add(r);
        }
        return rows;
    }

    private Path write(String name, String text, Charset charset, byte... bom) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bom);
            out.write(text.getBytes(charset));
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252"})
    void given_csv_in_an_encoding_when_read_then_the_encoding_is_detected(String encoding) throws IOException {
        Charset charset = Charset.forName(encoding);
        byte[] bom = switch (encoding) {
            case "UTF-16LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE};
            case "UTF-16BE" -> new byte[] {(byte) 0xFE, (byte) 0xFF};
            case "UTF-8" -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            default -> new byte[0];
        };
        Path file = write("estados.csv", "Año,Entidad\r\n2014,Nuevo León\r\n2015,Michoacán\r\n", charset, bom);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(((CsvTableReader) table).charset()).isEqualTo(charset);
            assertThat(table.header()).containsExactly("Año", "Entidad");
            assertThat(readAll(table)).extracting(r -> r.value(1)).containsExactly("Nuevo León", "Michoacán");
        }
    }

    @Test
    void given_an_explicit_encoding_when_read_then_it_overrides_detection() throws IOException {
        Path file = write("a.csv", "Año\nPolicía\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO.withEncoding(StandardCharsets.ISO_8859_1))) {
            assertThat(table.header()).containsExactly("AÃ±o");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void given_csv_with_a_delimiter_when_sniffed_then_it_is_found(String delimiter) throws IOException {
        String text = String.join(delimiter, "clave", "municipio", "monto") + "\n"
                + String.join(delimiter, "19039", "\"Monterrey" + delimiter + " N.L.\"", "\"1,5\"") + "\n"
                + String.join(delimiter, "19026", "Guadalupe", "2,25") + "\n"
                + String.join(delimiter, "19046", "San Nicolás", "3") + "\n";
        Path file = write("montos.csv", text, StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(((CsvTableReader) table).delimiter()).isEqualTo(delimiter.charAt(0));
            assertThat(table.header()).containsExactly("clave", "municipio", "monto");
            assertThat(table.next().values()).containsExactly("19039", "Monterrey" + delimiter + " N.L.", "1,5");
        }
    }

    @Test
    void given_default_options_when_a_semicolon_file_is_read_then_the_comma_stays_as_mappings_expect() throws IOException {
        Path file = write("montos.csv", "a;b\n1;2\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file)) {
            assertThat(table.header()).containsExactly("a;b");
        }
    }

    @Test
    void given_title_rows_and_blank_lines_when_header_is_detected_then_it_is_found_below_them() throws IOException {
        String text = "Secretaría de Seguridad,,,\r\nIncidencia delictiva 2014 (cifras preliminares),,,\r\n\r\n,,,\r\n"
                + "Clave,Municipio,Año,Policía\r\n19039,Monterrey,2014,\"1,204\"\r\n19026,Guadalupe,2014,377\r\n";
        Path file = write("incidencia.csv", text, StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.header()).containsExactly("Clave", "Municipio", "Año", "Policía");
            List<TableRow> rows = readAll(table);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).number()).isEqualTo(1);
            assertThat(rows.get(0).line()).isEqualTo(6);
            assertThat(rows.get(0).values()).containsExactly("19039", "Monterrey", "2014", "1,204");
        }
        // The header row given instead of found: for CSV, rows are records, and a blank line is none.
        try (TableReader table = TableSources.open(file, TableOptions.AUTO.withHeaderRow(4))) {
            assertThat(table.header()).containsExactly("Clave", "Municipio", "Año", "Policía");
        }
    }

    @Test
    void given_title_then_rows_shaped_like_the_rows_under_them_when_detected_then_no_header_and_every_row_is_data()
            throws IOException {
        Path file = write("diccionario.csv", "Indicadores a nivel municipal,,\nent,Clave de la entidad federativa,\n"
                + "nom_ent,Entidad federativa,\nmun,Municipio,\npobreza,Porcentaje de personas en pobreza,Intensidad\n",
                StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.header()).containsExactly("column_1", "column_2", "column_3");
            assertThat(readAll(table)).extracting(r -> r.value(0)).containsExactly("ent", "nom_ent", "mun", "pobreza");
            assertThat(table.headerLayout()).isEqualTo(new TableReader.HeaderLayout(1, 0));
        }
    }

    @Test
    void given_title_then_a_text_header_over_text_of_another_form_when_detected_then_it_is_the_header() throws IOException {
        // Only text, but "Correo" is a word over e-mail addresses and "Titular" a word over names of several words.
        Path file = write("directorio.csv", "Directorio de dependencias,,\nDependencia,Titular,Correo\n"
                + "Secretaría de Finanzas,Ana Pérez Garza,ana.perez@nl.gob.mx\nSecretaría de Salud,Luis Treviño,luis.t@nl.gob.mx\n",
                StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.header()).containsExactly("Dependencia", "Titular", "Correo");
            assertThat(readAll(table)).hasSize(2);
            assertThat(table.headerLayout()).isEqualTo(new TableReader.HeaderLayout(1, 1));
            assertThat(table.layoutNotes()).containsExactly("header on line 2; the line above it (1 title) left out");
        }
    }

    @Test
    void given_a_first_line_like_the_rows_under_it_when_detected_then_it_is_still_the_header() throws IOException {
        Path file = write("nombres.csv", "nombre,apellido\nJuan,Pérez\nAna,Garza\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.header()).containsExactly("nombre", "apellido");
            assertThat(readAll(table)).hasSize(2);
            assertThat(table.layoutNotes()).isEmpty();
        }
    }

    @Test
    void given_one_cell_rows_under_and_inside_a_table_when_read_then_only_those_at_its_end_are_left_out_as_footnotes()
            throws IOException {
        Path file = write("delitos.csv", "clave,municipio,2013,2014\n19039,Monterrey,10,12\nZona metropolitana,,,\n"
                + "19026,Guadalupe,3,4\n\nFUENTE: Secretariado Ejecutivo.,,,\nn. d. = No disponible,,,\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(readAll(table)).extracting(r -> r.value(0)).containsExactly("19039", "Zona metropolitana", "19026");
            assertThat(table.layoutNotes())
                    .containsExactly("2 footnote rows after the table left out (lines 6 to 7, text in the first column only)");
        }
        // With the header row given, nothing is guessed: every row is data.
        try (TableReader table = TableSources.open(file, TableOptions.AUTO.withHeaderRow(1))) {
            assertThat(readAll(table)).hasSize(5);
            assertThat(table.layoutNotes()).isEmpty();
        }
    }

    @Test
    void given_the_dictionary_with_three_title_rows_when_header_is_detected_then_it_is_the_fourth_row() {
        try (TableReader table = TableSources.open(TestData.file("diccionario_datos_iter_19CSV20.csv"), TableOptions.AUTO)) {
            assertThat(table.header()).startsWith("Núm.", "Indicador", "Descripción", "Mnemónico", "Rangos", "Longitud",
                    "Notas del Proyecto", "column_8", "column_9");
            assertThat(table.next().value(3)).isEqualTo("ENTIDAD");
        }
    }

    @Test
    void given_two_row_header_when_detected_then_rows_are_joined_and_with_default_options_duplicates_are_numbered() {
        try (TableReader table = TableSources.open(TestData.file("uanl_dependencia_mes.csv"), TableOptions.AUTO)) {
            assertThat(table.header()).containsExactly("column_1", "Tipo", "Fecha", "Sueldo Neto sum", "Sueldo Neto count",
                    "Sueldo Neto mean", "Sueldo Neto min", "Sueldo Neto max");
            assertThat(table.next().values()).startsWith("0", "ADMIN", "2019-12-01", "18235639.07");
            assertThat(table.headerLayout()).isEqualTo(new TableReader.HeaderLayout(0, 2));
            assertThat(table.layoutNotes()).containsExactly("header on lines 1 and 2, joined: a name per column from both rows");
        }
        try (TableReader table = TableSources.open(TestData.file("uanl_dependencia_mes.csv"))) {
            assertThat(table.header()).containsExactly("column_1", "Tipo", "Fecha", "Sueldo Neto", "Sueldo Neto_2",
                    "Sueldo Neto_3", "Sueldo Neto_4", "Sueldo Neto_5");
            assertThat(table.writtenHeader()).containsExactly("", "Tipo", "Fecha", "Sueldo Neto", "Sueldo Neto",
                    "Sueldo Neto", "Sueldo Neto", "Sueldo Neto");
            assertThat(table.next().values()).containsExactly(null, null, null, "sum", "count", "mean", "min", "max");
        }
    }

    @Test
    void given_repeated_and_empty_names_when_made_unique_then_no_name_is_taken_twice() {
        assertThat(HeaderNames.unique(java.util.Arrays.asList("a", "a_2", "a", "", " b ", null, "column_5", "")))
                .containsExactly("a", "a_2", "a_3", "column_4", "b", "column_6", "column_5", "column_8");
    }

    @Test
    void given_row_wider_than_header_when_read_then_error_names_file_row_line_and_count() throws IOException {
        Path file = write("ancho.csv", "a,b,c\n1,2,3\n\n4,5,6,7\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file)) {
            table.next();
            assertThatThrownBy(table::next).isInstanceOf(TableSourceException.class)
                    .hasMessage("ancho.csv, row 2 (line 4): 4 cells, but the header has 3 columns "
                            + "(a delimiter too many, or an unquoted delimiter in a value?)");
        }
    }

    @Test
    void given_short_rows_and_trailing_empty_cells_when_read_then_padded_and_trimmed_without_error() throws IOException {
        Path file = write("corto.csv", "a,b,c\n1\n2,3,4,,\n", StandardCharsets.UTF_8);
        try (TableReader table = TableSources.open(file)) {
            assertThat(table.next().values()).containsExactly("1", null, null);
            assertThat(table.next().values()).containsExactly("2", "3", "4");
        }
    }

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] instanceof String s) {
                row.createCell(c).setCellValue(s);
            } else if (values[c] instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            }
        }
    }

    private Path workbook(String name, boolean differentHeader) throws IOException {
        Path file = dir.resolve(name);
        try (Workbook wb = name.endsWith(".xls") ? new HSSFWorkbook() : new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet a = wb.createSheet("2013");
            row(a, 0, "Incidencia por entidad");
            row(a, 2, "Entidad", "Homicidio", null, "Robo");
            row(a, 3, null, "doloso", "culposo", null);
            a.addMergedRegion(new CellRangeAddress(2, 2, 1, 2));
            row(a, 4, "Nuevo León", 10, 0.1 + 0.2, 7);
            row(a, 5, "Sonora", 3, 1, 2);
            Sheet b = wb.createSheet("2014");
            row(b, 0, "Incidencia por entidad");
            row(b, 2, differentHeader ? "Estado" : "Entidad", "Homicidio", null, "Robo");
            row(b, 3, null, "doloso", "culposo", null);
            b.addMergedRegion(new CellRangeAddress(2, 2, 1, 2));
            row(b, 4, "Nuevo León", 12, 1, 9);
            wb.createSheet("vacía");
            wb.write(out);
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"incidencia.xlsx", "incidencia.xls"})
    void given_workbook_with_merged_two_row_headers_when_all_sheets_are_read_then_one_table_with_a_sheet_column(String name)
            throws IOException {
        Path file = workbook(name, false);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO.withAllSheets())) {
            assertThat(table.header()).containsExactly("sheet", "Entidad", "Homicidio doloso", "Homicidio culposo", "Robo");
            List<TableRow> rows = readAll(table);
            assertThat(rows).extracting(TableRow::values).containsExactly(
                    List.of("2013", "Nuevo León", "10", "0.3", "7"),
                    List.of("2013", "Sonora", "3", "1", "2"),
                    List.of("2014", "Nuevo León", "12", "1", "9"));
            assertThat(rows).extracting(TableRow::number).containsExactly(1L, 2L, 3L);
        }
        // One sheet, header row given: the merged cell names both its columns.
        try (TableReader table = TableSources.open(file, TableOptions.DEFAULT.withSheet("2014").withHeaderRow(3))) {
            assertThat(table.header()).containsExactly("Entidad", "Homicidio", "Homicidio_2", "Robo");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"incidencia.xlsx", "incidencia.xls"})
    void given_sheets_whose_headers_differ_when_all_are_read_then_error_names_the_sheet(String name) throws IOException {
        Path file = workbook(name, true);
        try (TableReader table = TableSources.open(file, TableOptions.AUTO.withAllSheets())) {
            table.next();
            table.next();
            assertThatThrownBy(table::next).isInstanceOf(TableSourceException.class)
                    .hasMessageStartingWith(name + " (sheet \"2014\"): the header differs from the header of sheet \"2013\"");
        }
    }

    @Test
    void given_text_cells_with_leading_zeros_and_date_times_when_read_then_kept_and_iso() throws IOException {
        Path file = dir.resolve("claves.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("claves");
            row(sheet, 0, "clave", "registro", "monto");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue("019039");
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            var cell = r.createCell(1);
            cell.setCellValue(java.time.LocalDateTime.of(2014, 3, 1, 13, 30));
            cell.setCellStyle(style);
            r.createCell(2).setCellValue(1234.5600000000001);
            wb.write(out);
        }
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            assertThat(table.next().values()).containsExactly("019039", "2014-03-01T13:30", "1234.56");
        }
    }
}
