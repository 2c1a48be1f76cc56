package mx.zocalo.converter.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
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
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A legacy Excel 97–2003 {@code .xls} workbook, read with POI's HSSF: one sheet (the one the options name, else the
 * first) or every sheet in turn. The format holds at most 65,536 rows per sheet, so loading the workbook keeps memory
 * bounded. Cells read as in {@link XlsxTableReader}: plain decimals, ISO dates, cached formula values, whitespace-only
 * as empty.
 */
final class XlsTableReader extends RowTable {
    private final HSSFWorkbook workbook;
    private int sheetIndex;
    private Sheet sheet;
    private int nextRow;

    private XlsTableReader(Path file, HSSFWorkbook workbook, TableOptions options, int sheetIndex) {
        super(file.getFileName().toString(), options, false);
        this.workbook = workbook;
        openSheet(sheetIndex);
    }

    private void openSheet(int index) {
        this.sheetIndex = index;
        this.sheet = workbook.getSheetAt(index);
        this.nextRow = Math.max(sheet.getFirstRowNum(), 0);
    }

    static XlsTableReader open(Path file, TableOptions options) {
        HSSFWorkbook workbook = null;
        try {
            workbook = new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                names.add(workbook.getSheetName(i));
            }
            int index = options.allSheets() && !names.isEmpty() ? 0
                    : TableOptions.sheetIndex(file.getFileName().toString(), names, options.sheet());
            XlsTableReader table = new XlsTableReader(file, workbook, options, index);
            table.start();
            return table;
        } catch (TableSourceException e) {
            closeQuietly(workbook);
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            closeQuietly(workbook);
            throw new TableSourceException(file.getFileName() + ": cannot read Excel 97-2003 workbook (corrupt, or not an .xls file?): "
                    + e.getMessage(), -1, e);
        }
    }

    @Override
    protected boolean nextSheet() {
        if (sheetIndex + 1 >= workbook.getNumberOfSheets()) {
            return false;
        }
        openSheet(sheetIndex + 1);
        return true;
    }

    @Override
    protected String sheetName() {
        return workbook.getSheetName(sheetIndex);
    }

    @Override
    public String readAs() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        return TableOptions.sheetsRead(names, sheetIndex, options.allSheets());
    }

    @Override
    protected RawRow readRaw() {
        while (nextRow <= sheet.getLastRowNum()) {
            Row row = sheet.getRow(nextRow++);
            if (row == null) {
                continue;
            }
            List<String> cells = new ArrayList<>(Math.max(row.getLastCellNum(), 0));
            for (int c = 0; c < row.getLastCellNum(); c++) {
                cells.add(text(row.getCell(c)));
            }
            while (!cells.isEmpty() && cells.get(cells.size() - 1) == null) {
                cells.remove(cells.size() - 1);
            }
            return new RawRow(nextRow, nextRow, cells);
        }
        return null;
    }

    @Override
    protected List<String> fillMerged(long line, List<String> cells) {
        List<CellText.Merge> merges = new ArrayList<>();
        for (CellRangeAddress r : sheet.getMergedRegions()) {
            merges.add(new CellText.Merge(r.getFirstRow() + 1L, r.getLastRow() + 1L, r.getFirstColumn(), r.getLastColumn()));
        }
        return CellText.fill(line, cells, merges);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        String text = switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> {
                double value = cell.getNumericCellValue();
                if (DateUtil.isCellDateFormatted(cell) && value >= 0 && value < 2_958_466) {
                    yield CellText.isoDate(cell.getLocalDateTimeCellValue());
                }
                yield Double.isFinite(value) ? CellText.excelNumber(new BigDecimal(value)) : null;
            }
            case BOOLEAN -> cell.getBooleanCellValue() ? "true" : "false";
            case ERROR -> FormulaError.isValidCode(cell.getErrorCellValue())
                    ? FormulaError.forInt(cell.getErrorCellValue()).getString() : "#ERROR";
            default -> null;
        };
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String description() {
        return options.allSheets() ? fileName + " (all sheets)" : fileName + " (sheet \"" + sheetName() + "\")";
    }

    @Override
    public void close() {
        closeQuietly(workbook);
    }

    private static void closeQuietly(HSSFWorkbook workbook) {
        if (workbook != null) {
            try {
                workbook.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
        }
    }
}
