package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import mx.zocalo.converter.TestData;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSourcesTest {

    private static List<TableRow> readAll(TableReader table) {
        List<TableRow> rows = new ArrayList<>();
        for (TableRow r = table.next(); r != null; r = table.next()) {
            rows.add(r);
        }
        return rows;
    }

    @Test
    void given_csv_with_byte_order_mark_when_read_then_first_header_has_no_bom() {
        try (TableReader table = TableSources.open(TestData.file("diccionario_datos_iter_19CSV20.csv"))) {
            assertThat(table.header().get(0)).isEqualTo("CENSO DE POBLACIÓN Y VIVIENDA 2020");
        }
    }

    @Test
    void given_latin1_csv_when_read_then_accents_survive() {
        try (TableReader table = TableSources.open(TestData.file("Indicadores_municipales_sabana_DIC.csv"))) {
            assertThat(((CsvTableReader) table).charset()).isEqualTo(CsvEncoding.WINDOWS_1252);
            List<TableRow> rows = readAll(table);
            assertThat(rows.get(4).values()).containsExactly("pobtot_ajustada", "Población total", null);
            assertThat(rows).allSatisfy(r -> assertThat(r.values()).noneMatch(v -> v != null && v.contains("\uFFFD")));
        }
    }

    @Test
    void given_csv_cells_of_only_spaces_when_read_then_they_are_empty_as_in_a_spreadsheet() {
        try (TableReader table = TableSources.open(TestData.file("data_total.csv"))) {
            int column = table.header().indexOf("PORCENTAJE_INVERSIÓN");
            List<TableRow> rows = readAll(table);
            // row 41 of the spending file holds a single space in this column
            assertThat(rows.get(40).value(column)).isNull();
            assertThat(rows).allSatisfy(r -> assertThat(r.values()).noneMatch(v -> v != null && v.isBlank()));
        }
    }

    @Test
    void given_utf8_csv_when_read_then_it_is_not_mistaken_for_latin1() {
        try (TableReader table = TableSources.open(TestData.file("data_total.csv"))) {
            assertThat(((CsvTableReader) table).charset()).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void given_csv_with_accented_headers_and_crlf_when_read_then_accents_survive_and_lines_are_counted() {
        try (TableReader table = TableSources.open(TestData.file("data_total.csv"))) {
            assertThat(table.header()).contains("GC_GASTO_DE_OPERACIÓN", "GI_INVERSIÓN_FÍSICA");
            TableRow first = table.next();
            TableRow second = table.next();
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.line()).isEqualTo(2);
            assertThat(second.line()).isEqualTo(3);
            assertThat(first.value(2)).isEqualTo("H. Cámara de Diputados");
            assertThat(first.value(9)).as("empty cell").isNull();
        }
    }

    @Test
    void given_gzipped_csv_when_read_then_rows_match_the_plain_file(@TempDir Path dir) throws IOException {
        Path plain = TestData.file("sct_71_accidentes_mes.csv");
        Path gz = dir.resolve("sct_71_accidentes_mes.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        List<TableRow> fromPlain;
        List<TableRow> fromGz;
        List<String> gzHeader;
        try (TableReader a = TableSources.open(plain); TableReader b = TableSources.open(gz)) {
            fromPlain = readAll(a);
            fromGz = readAll(b);
            gzHeader = b.header();
        }
        assertThat(gzHeader).containsExactly("entidad_federativa", "mes", "accidentes", "danios_materiales_millones", "heridos", "muertos");
        assertThat(fromGz).hasSize(384).isEqualTo(fromPlain);
    }

    /** The crime workbook, read once for the tests below (38,016 rows). */
    private static List<String> crimeHeader;
    private static List<TableRow> crimeRows;
    private static String crimeDescription;

    @BeforeAll
    static void readCrimeWorkbook() {
        try (TableReader table = TableSources.open(TestData.file("IncidenciaDelictivaEstatal.xlsx"))) {
            crimeHeader = table.header();
            crimeDescription = table.description();
            crimeRows = readAll(table);
        }
    }

    @Test
    void given_crime_xlsx_when_read_then_38016_rows_under_the_header_with_AÑO_intact() {
        assertThat(crimeHeader).containsExactly("AÑO", "ENTIDAD", "MODALIDAD", "TIPO", "SUBTIPO", "ENERO", "FEBRERO",
                "MARZO", "ABRIL", "MAYO", "JUNIO", "JULIO", "AGOSTO", "SEPTIEMBRE", "OCTUBRE", "NOVIEMBRE", "DICIEMBRE",
                "TOTAL AÑO");
        assertThat(crimeDescription).startsWith("IncidenciaDelictivaEstatal.xlsx (sheet ");
        assertThat(crimeRows).hasSize(38016);
        assertThat(crimeRows.get(0).values()).containsExactly("1997", "AGUASCALIENTES", "DELITOS PATRIMONIALES",
                "ABUSO DE CONFIANZA", "ABUSO DE CONFIANZA", "17", "17", "17", "17", "17", "17", "32", "0", "38", "28",
                "22", "31", "253");
        assertThat(crimeRows.get(0).line()).isEqualTo(2);
    }

    @Test
    void given_formula_cell_in_xlsx_when_read_then_its_cached_value_is_given() {
        // Sheet row 33794 (a 2013 row) holds TOTAL AÑO as =SUM(F33794:Q33794) with cached value 47.
        TableRow row = crimeRows.stream().filter(r -> r.line() == 33794).findFirst().orElseThrow();
        assertThat(row.value(0)).isEqualTo("2013");
        assertThat(row.value(17)).isEqualTo("47");
    }

    @Test
    void given_empty_and_whitespace_only_cells_in_xlsx_when_read_then_they_are_empty() {
        TableRow withEmpty = crimeRows.stream().filter(r -> r.line() == 33863).findFirst().orElseThrow();
        assertThat(withEmpty.value(5)).isNull();
        assertThat(crimeRows).allSatisfy(r -> assertThat(r.values()).noneMatch(v -> v != null && v.isBlank()));
    }

    @Test
    void given_excel_numbers_when_formatted_then_plain_decimal_text_without_spurious_zero_or_exponent() {
        assertThat(XlsxTableReader.plainNumber(new BigDecimal("17.0"))).isEqualTo("17");
        assertThat(XlsxTableReader.plainNumber(new BigDecimal("1.5E+3"))).isEqualTo("1500");
        assertThat(XlsxTableReader.plainNumber(new BigDecimal("2.5E-7"))).isEqualTo("0.00000025");
        assertThat(XlsxTableReader.plainNumber(new BigDecimal("-0.0"))).isEqualTo("0");
        assertThat(XlsxTableReader.plainNumber(new BigDecimal("3.14"))).isEqualTo("3.14");
    }

    @Test
    void given_cell_reference_when_indexed_then_letters_count_from_zero() {
        assertThat(XlsxTableReader.columnIndex("A1")).isZero();
        assertThat(XlsxTableReader.columnIndex("R33794")).isEqualTo(17);
        assertThat(XlsxTableReader.columnIndex("AB12")).isEqualTo(27);
    }

    @Test
    void given_xls_copy_of_a_real_workbook_when_read_then_rows_match_the_xlsx(@TempDir Path dir) throws IOException {
        Path xlsx = TestData.file("siha_2_2_4_9_dic_2015.xlsx");
        Path xls = dir.resolve("siha.xls");
        try (Workbook from = new XSSFWorkbook(xlsx.toFile()); HSSFWorkbook to = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(xls)) {
            Sheet source = from.getSheetAt(0);
            Sheet target = to.createSheet(source.getSheetName());
            for (Row row : source) {
                Row copy = target.createRow(row.getRowNum());
                for (Cell cell : row) {
                    Cell c = copy.createCell(cell.getColumnIndex());
                    switch (cell.getCellType()) {
                        case STRING -> c.setCellValue(cell.getStringCellValue());
                        case NUMERIC -> c.setCellValue(cell.getNumericCellValue());
                        case BOOLEAN -> c.setCellValue(cell.getBooleanCellValue());
                        default -> { }
                    }
                }
            }
            to.write(out);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
        TableOptions skipTitle = new TableOptions(',', null, 2);
        try (TableReader a = TableSources.open(xlsx, skipTitle); TableReader b = TableSources.open(xls, skipTitle)) {
            assertThat(b.header()).startsWith("Clave", "Estado", "Municipio", "2011").isEqualTo(a.header());
            List<TableRow> fromXlsx = readAll(a);
            List<TableRow> fromXls = readAll(b);
            assertThat(fromXls).hasSizeGreaterThan(2400);
            assertThat(fromXls).extracting(TableRow::line).isEqualTo(fromXlsx.stream().map(TableRow::line).toList());
            // The seven data columns, cell by cell (both readers end a row at its last stored cell).
            for (int i = 0; i < fromXlsx.size(); i++) {
                for (int c = 0; c < 7; c++) {
                    assertThat(fromXls.get(i).value(c)).as("row %d cell %d", i + 1, c).isEqualTo(fromXlsx.get(i).value(c));
                }
            }
            assertThat(fromXls.get(0).values()).startsWith("01001", "Aguascalientes", "Aguascalientes", "20108");
        }
    }

    @Test
    void given_csv_with_an_unclosed_quote_when_read_then_error_names_the_line_where_the_record_starts(@TempDir Path dir)
            throws IOException {
        List<String> lines = Files.readAllLines(TestData.file("sct_71_accidentes_mes.csv")).subList(0, 5);
        Path broken = dir.resolve("accidentes.csv");
        Files.write(broken, lines);
        Files.writeString(broken, "Chiapas,\"enero,17.0,0.7,21.0,3.0\nChiapas,febrero,1,2,3,4\n", java.nio.file.StandardOpenOption.APPEND);

        TableSourceException e = catchThrowableOfType(TableSourceException.class, () -> {
            try (TableReader table = TableSources.open(broken)) {
                readAll(table);
            }
        });

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("accidentes.csv, line 6: malformed CSV: ");
        assertThat(e.line()).isEqualTo(6);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void given_date_formatted_cells_when_read_then_iso_dates_in_either_date_system(boolean date1904, @TempDir Path dir)
            throws IOException {
        // Neither real workbook here has dates, so this one is written with POI: a 1900 or a 1904 (Mac) workbook.
        Path file = dir.resolve("fechas.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            if (date1904) {
                var workbook = wb.getCTWorkbook();
                (workbook.isSetWorkbookPr() ? workbook.getWorkbookPr() : workbook.addNewWorkbookPr()).setDate1904(true);
            }
            assertThat(wb.isDate1904()).isEqualTo(date1904);
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            Sheet sheet = wb.createSheet("Hoja1");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("fecha");
            header.createCell(1).setCellValue("monto");
            Row row = sheet.createRow(1);
            Cell date = row.createCell(0);
            date.setCellValue(java.time.LocalDate.of(2015, 1, 15));
            date.setCellStyle(dateStyle);
            row.createCell(1).setCellValue(1234.5);
            wb.write(out);
        }

        try (TableReader table = TableSources.open(file)) {
            assertThat(table.next().values()).containsExactly("2015-01-15", "1234.5");
        }
    }

    @Test
    void given_missing_file_when_opened_then_error_names_the_full_path(@TempDir Path dir) {
        Path missing = dir.resolve("nada.csv");
        assertThatThrownBy(() -> TableSources.open(missing)).isInstanceOf(TableSourceException.class)
                .hasMessageContaining(missing.toString());
    }
}
