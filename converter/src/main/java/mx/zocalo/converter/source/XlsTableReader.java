package mx.zocalo.converter.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * One sheet (by default the first) of a legacy Excel 97–2003 {@code .xls} workbook, read with POI's HSSF. The format holds
 * at most 65,536 rows per sheet, so loading the workbook keeps memory bounded. Cells read as in
 * {@link XlsxTableReader}: plain decimals, ISO dates, cached formula values, whitespace-only as empty.
 */
final class XlsTableReader implements TableReader {
    private final Path file;
    private final HSSFWorkbook workbook;
    private final Sheet sheet;
    private final String sheetName;
    private final int skipRows;
    private final List<String> header;
    private int nextRow;
    private long number;

    private XlsTableReader(Path file, HSSFWorkbook workbook, int skipRows, int sheetIndex) {
        this.file = file;
        this.workbook = workbook;
        this.sheet = workbook.getSheetAt(sheetIndex);
        this.sheetName = workbook.getSheetName(sheetIndex);
        this.skipRows = skipRows;
        this.nextRow = Math.max(sheet.getFirstRowNum(), 0);
        List<String> first = nextNonEmpty();
        List<String> h = new ArrayList<>();
        if (first != null) {
            first.forEach(c -> h.add(c == null ? "" : c.strip()));
        }
        this.header = List.copyOf(h);
    }

    static XlsTableReader open(Path file, int skipRows, String sheet) {
        try {
            HSSFWorkbook workbook = new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
            }
            int index;
            try {
                index = TableOptions.sheetIndex(file.getFileName().toString(), names, sheet);
            } catch (TableSourceException e) {
                workbook.close();
                throw e;
            }
            return new XlsTableReader(file, workbook, skipRows, index);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TableSourceException t) {
                throw t;
            }
            throw new TableSourceException(file.getFileName() + ": cannot read Excel 97-2003 workbook: " + e.getMessage(), -1, e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public TableRow next() {
        List<String> cells = nextNonEmpty();
        if (cells == null) {
            return null;
        }
        number++;
        return new TableRow(number, nextRow, cells);
    }

    /** The cells of the next non-empty row after the skipped ones, or null; {@code nextRow} is then its 1-based number. */
    private List<String> nextNonEmpty() {
        while (nextRow <= sheet.getLastRowNum()) {
            Row row = sheet.getRow(nextRow++);
            if (row == null || nextRow <= skipRows) {
                continue;
            }
            List<String> cells = new ArrayList<>(Math.max(row.getLastCellNum(), 0));
            for (int c = 0; c < row.getLastCellNum(); c++) {
                cells.add(text(row.getCell(c)));
            }
            if (cells.stream().anyMatch(v -> v != null)) {
                return cells;
            }
        }
        return null;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        String text = switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime t = cell.getLocalDateTimeCellValue();
                    yield t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
                }
                yield XlsxTableReader.plainNumber(BigDecimal.valueOf(cell.getNumericCellValue()));
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String description() {
        return file.getFileName() + " (sheet \"" + sheetName + "\")";
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
