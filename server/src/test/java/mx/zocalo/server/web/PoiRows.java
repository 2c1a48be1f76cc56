package mx.zocalo.server.web;

import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** An independent count of a workbook's data rows with POI's user model: rows whose first cell holds a code (digits). */
final class PoiRows {
    private PoiRows() {}

    static long dataRows(Path xlsx) throws Exception {
        try (Workbook wb = WorkbookFactory.create(xlsx.toFile(), null, true)) {
            Sheet sheet = wb.getSheetAt(0);
            long n = 0;
            for (Row row : sheet) {
                Cell c = row.getCell(0);
                if (c == null) continue;
                String v = c.getCellType() == CellType.NUMERIC ? String.valueOf((long) c.getNumericCellValue()) : c.toString().strip();
                if (v.matches("[0-9]{1,5}")) n++;
            }
            return n;
        }
    }
}
