package mx.zocalo.converter.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import mx.zocalo.converter.source.TableOptions;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;
import mx.zocalo.converter.source.TableSources;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a workbook with one long sheet (POI's streaming {@link SXSSFWorkbook}, so writing needs little memory either),
 * then reads it with {@link TableSources} and prints rows, seconds and the peak heap used while reading (the sum of the
 * heap pools' peaks, reset after writing and a GC). A benchmark, not a test: run it with a small {@code -Xmx} to see that
 * reading fits.
 *
 * <pre>java -Xmx512m -cp ... mx.zocalo.converter.bench.LargeSheetBenchmark [rows] [file.xlsx]</pre>
 */
public final class LargeSheetBenchmark {
    private LargeSheetBenchmark() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("large-sheet", ".xlsx");
        if (!Files.exists(file) || Files.size(file) == 0) {
            write(file, rows);
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long read = 0;
        long cells = 0;
        try (TableReader table = TableSources.open(file, TableOptions.AUTO)) {
            for (TableRow r = table.next(); r != null; r = table.next()) {
                read++;
                cells += r.values().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%s: %,d bytes, %,d rows (%,d cells) read in %.1f s; peak heap while reading %,d MiB "
                + "(max heap %,d MiB)%n", file.getFileName(), Files.size(file), read, cells, seconds, peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** A sheet like the crime workbook: text, codes with leading zeros, integers, decimals, a date. */
    static void write(Path file, int rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            wb.setCompressTempFiles(true);
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("Incidencia");
            String[] names = {"AÑO", "CLAVE", "ENTIDAD", "MODALIDAD", "ENERO", "FEBRERO", "MARZO", "MONTO", "FECHA", "NOTA"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            String[] states = {"Nuevo León", "Michoacán", "Yucatán", "Ciudad de México", "Querétaro"};
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(1997 + r % 18);
                row.createCell(1).setCellValue(String.format(Locale.ROOT, "%05d", r % 32_000));
                row.createCell(2).setCellValue(states[r % states.length]);
                row.createCell(3).setCellValue("DELITOS PATRIMONIALES " + (r % 97));
                row.createCell(4).setCellValue(r % 1000);
                row.createCell(5).setCellValue(r % 777);
                row.createCell(6).setCellValue(r % 555);
                row.createCell(7).setCellValue(r * 1.25);
                var date = row.createCell(8);
                date.setCellValue(java.time.LocalDate.of(2014, 1 + r % 12, 1));
                date.setCellStyle(dateStyle);
                row.createCell(9).setCellValue("Policía municipal, fila " + r);
            }
            wb.write(out);
        }
    }
}
