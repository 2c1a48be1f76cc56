package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import mx.zocalo.converter.TestData;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read: each gives a {@link TableSourceException} naming the file, and the row and column if any. */
class TableSourcesBadInputTest {
    @TempDir
    Path dir;

    private static TableSourceException failure(Path file, TableOptions options) {
        TableSourceException e = catchThrowableOfType(TableSourceException.class, () -> {
            try (TableReader table = TableSources.open(file, options)) {
                while (table.next() != null) {
                    // read to the end
                }
            }
        });
        assertThat(e).as("a TableSourceException for " + file.getFileName()).isNotNull();
        assertThat(e.getMessage()).startsWith(file.getFileName().toString());
        return e;
    }

    private static TableSourceException failure(Path file) {
        return failure(file, TableOptions.AUTO);
    }

    @Test
    void given_corrupt_xlsx_when_opened_then_error_says_so() throws IOException {
        byte[] real = Files.readAllBytes(TestData.file("siha_2_2_4_9_dic_2015.xlsx"));
        Path cut = Files.write(dir.resolve("cortado.xlsx"), Arrays.copyOf(real, real.length / 2));
        assertThat(failure(cut).getMessage()).contains("cannot read Excel workbook");
        Path text = Files.writeString(dir.resolve("texto.xlsx"), "Clave,Municipio\n19039,Monterrey\n");
        assertThat(failure(text).getMessage()).contains("cannot read Excel workbook");
        Path zip = dir.resolve("vacio.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("hola.txt"));
            out.write("hola".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(failure(zip).getMessage()).contains("cannot read Excel workbook");
    }

    @Test
    void given_truncated_gzip_when_read_then_error_says_the_gzip_data_is_truncated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            Files.copy(TestData.file("data_total.csv"), out);
        }
        byte[] gz = bytes.toByteArray();
        Path file = Files.write(dir.resolve("data_total.csv.gz"), Arrays.copyOf(gz, gz.length * 2 / 3));
        assertThat(failure(file).getMessage()).contains("corrupt or truncated gzip data");
        // the same with the encoding given, so that no detection pass reads the file first
        assertThat(failure(file, TableOptions.DEFAULT.withEncoding(StandardCharsets.UTF_8)).getMessage())
                .contains("corrupt or truncated gzip data");
    }

    @Test
    void given_binary_or_workbook_named_csv_when_opened_then_error_says_it_is_not_text() throws IOException {
        Path png = Files.write(dir.resolve("logo.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        assertThat(failure(png).getMessage()).isEqualTo("logo.csv: cannot read as CSV: byte 9 is NUL: this is a binary file, not CSV text");
        Path xlsx = Files.copy(TestData.file("siha_2_2_4_9_dic_2015.xlsx"), dir.resolve("siha.csv"));
        assertThat(failure(xlsx).getMessage()).contains("zip archive, not CSV");
    }

    @Test
    void given_empty_files_when_opened_then_error_says_they_are_empty() throws IOException {
        assertThat(failure(Files.write(dir.resolve("vacio.csv"), new byte[0])).getMessage())
                .isEqualTo("vacio.csv: cannot read as CSV: the file is empty");
        assertThat(failure(Files.writeString(dir.resolve("blanco.csv"), "\uFEFF\r\n\r\n")).getMessage())
                .isEqualTo("blanco.csv: the file is empty: no header row");
        Path xlsx = dir.resolve("vacio.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            wb.createSheet("Hoja1");
            wb.write(out);
        }
        assertThat(failure(xlsx).getMessage()).isEqualTo("vacio.xlsx (sheet \"Hoja1\"): the sheet is empty: no header row");
    }

    @Test
    void given_a_header_and_no_rows_when_read_then_zero_rows_and_no_error() throws IOException {
        Path file = Files.writeString(dir.resolve("solo-encabezado.csv"), "Año,Entidad,Policía\r\n");
        for (TableOptions options : List.of(TableOptions.DEFAULT, TableOptions.AUTO)) {
            try (TableReader table = TableSources.open(file, options)) {
                assertThat(table.header()).containsExactly("Año", "Entidad", "Policía");
                assertThat(table.next()).isNull();
            }
        }
    }

    @Test
    void given_a_10_mb_cell_when_read_then_error_names_file_row_and_column() throws IOException {
        String big = "x".repeat(10 << 20);
        Path file = Files.writeString(dir.resolve("enorme.csv"), "clave,nota\n19039,corta\n19026,\"" + big + "\"\n");
        TableSourceException e = failure(file);
        assertThat(e.getMessage()).isEqualTo("enorme.csv, row 2 (line 3), column \"nota\" (2): a cell of 10485760 characters; "
                + "the limit is 1048576 (1 MiB)");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void given_an_unbalanced_quote_when_read_then_error_names_file_and_line() throws IOException {
        Path file = Files.writeString(dir.resolve("comillas.csv"), "clave,nota\n19039,\"sin cerrar\n19026,otra\n");
        TableSourceException e = failure(file);
        assertThat(e.getMessage()).startsWith("comillas.csv, line 2: malformed CSV: ");
        // A quote left open over more than 16 Mi characters is refused before it fills memory.
        Path huge = dir.resolve("comillas-largo.csv");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write("clave,nota\n19039,\"sin cerrar\n");
            String line = "19026,otra línea que sigue dentro de las comillas\n";
            for (int i = 0; i < (17 << 20) / line.length(); i++) {
                out.write(line);
            }
        }
        assertThat(failure(huge).getMessage()).startsWith("comillas-largo.csv, line 2: a record longer than 16777216 characters");
    }

    @Test
    void given_xlsx_zip_bomb_when_opened_then_it_is_refused_with_a_clear_message() throws IOException {
        Path plain = dir.resolve("plain.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(plain)) {
            Sheet sheet = wb.createSheet("Hoja1");
            sheet.createRow(0).createCell(0).setCellValue("clave");
            sheet.createRow(1).createCell(0).setCellValue("19039");
            wb.write(out);
        }
        // The same workbook with 20 MB of spaces (valid XML white space) in the sheet: it compresses a thousand times.
        Path bomb = dir.resolve("bomba.xlsx");
        rewrite(plain, bomb, "xl/worksheets/sheet1.xml", xml -> {
            String text = new String(xml, StandardCharsets.UTF_8);
            return text.replace("</worksheet>", " ".repeat(20 << 20) + "</worksheet>").getBytes(StandardCharsets.UTF_8);
        });
        assertThat(Files.size(bomb)).isLessThan(200_000);
        assertThat(failure(bomb).getMessage()).contains("refused: a part of the workbook expands more than 100 times");
    }

    /** Copies a zip archive, changing one entry. */
    static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<byte[]> change) throws IOException {
        List<Object[]> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(new Object[] {e.getName(), in.readAllBytes()});
            }
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (Object[] e : entries) {
                out.putNextEntry(new ZipEntry((String) e[0]));
                byte[] data = (byte[]) e[1];
                out.write(entry.equals(e[0]) ? change.apply(data) : data);
            }
        }
    }

}
