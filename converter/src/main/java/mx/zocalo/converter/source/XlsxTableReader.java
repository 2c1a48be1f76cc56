package mx.zocalo.converter.source;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * One sheet (by default the first) of an {@code .xlsx} workbook, streamed: POI's {@link XSSFReader} gives the sheet XML,
 * shared strings come from a {@link ReadOnlySharedStringsTable}, and the sheet is pulled row by row with
 * StAX (a pull parser fits {@link TableReader#next()}; memory stays flat however long the sheet is).
 *
 * <p>The first non-empty row (after the sheet rows a dialect says to skip) is the header. Numbers are written as plain decimals without a spurious
 * {@code .0} and without exponent; date-formatted numbers as ISO dates; formulas give their cached value;
 * booleans {@code true}/{@code false}; cells holding only whitespace are empty.
 */
final class XlsxTableReader implements TableReader {
    private final Path file;
    private final String sheetName;
    private final OPCPackage pkg;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final int skipRows;
    private final boolean date1904;
    private final List<String> header;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();
    private long number;

    private XlsxTableReader(Path file, OPCPackage pkg, int skipRows, String wanted) throws Exception {
        this.file = file;
        this.skipRows = skipRows;
        this.pkg = pkg;
        XSSFReader reader = new XSSFReader(pkg);
        this.strings = new ReadOnlySharedStringsTable(pkg, false);
        this.styles = reader.getStylesTable();
        this.date1904 = usesDate1904(reader);
        // The sheet names come from the workbook part; only the chosen sheet's XML is opened (and streamed).
        List<String> names = new ArrayList<>();
        XSSFReader.SheetIterator listing = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (listing.hasNext()) {
            listing.next().close();
            names.add(listing.getSheetName());
        }
        int index = TableOptions.sheetIndex(file.getFileName().toString(), names, wanted);
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        InputStream chosen = sheets.next();
        for (int i = 0; i < index; i++) {
            chosen.close();
            chosen = sheets.next();
        }
        this.sheet = chosen;
        this.sheetName = sheets.getSheetName();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        this.xml = factory.createXMLStreamReader(sheet);
        RawRow first = nextNonEmptyRow();
        this.header = first == null ? List.of() : headerOf(first.cells());
    }

    static XlsxTableReader open(Path file, int skipRows, String sheet) {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            return new XlsxTableReader(file, pkg, skipRows, sheet);
        } catch (TableSourceException e) {
            revertQuietly(pkg);
            throw e;
        } catch (Exception e) {
            revertQuietly(pkg);
            throw new TableSourceException(file.getFileName() + ": cannot read Excel workbook: " + e.getMessage(), -1, e);
        }
    }

    private static List<String> headerOf(List<String> cells) {
        List<String> h = new ArrayList<>(cells.size());
        for (String c : cells) {
            h.add(c == null ? "" : c.strip());
        }
        return Collections.unmodifiableList(h);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public TableRow next() {
        RawRow row = nextNonEmptyRow();
        if (row == null) {
            return null;
        }
        number++;
        return new TableRow(number, row.line(), row.cells());
    }

    @Override
    public String description() {
        return file.getFileName() + " (sheet \"" + sheetName + "\")";
    }

    @Override
    public void close() {
        try {
            xml.close();
            sheet.close();
        } catch (XMLStreamException | IOException e) {
            // nothing was written; closing a read-only package cannot lose data
        } finally {
            pkg.revert();
        }
    }

    private record RawRow(long line, List<String> cells) {}

    private RawRow nextNonEmptyRow() {
        try {
            while (true) {
                RawRow row = readRow();
                if (row == null) {
                    return null;
                }
                if (row.line() > skipRows && row.cells().stream().anyMatch(c -> c != null)) {
                    return row;
                }
            }
        } catch (XMLStreamException e) {
            throw new TableSourceException(description() + ": malformed sheet: " + e.getMessage(), -1, e);
        }
    }

    private long lastRow;

    /** Reads the next {@code <row>} element, or returns null at the end of the sheet data. */
    private RawRow readRow() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                String r = xml.getAttributeValue(null, "r");
                long line = r != null ? Long.parseLong(r) : lastRow + 1;
                lastRow = line;
                return new RawRow(line, readCells());
            }
        }
        return null;
    }

    private List<String> readCells() throws XMLStreamException {
        List<String> cells = new ArrayList<>(header == null ? 16 : header.size());
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                return cells;
            }
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                String ref = xml.getAttributeValue(null, "r");
                int column = ref != null ? columnIndex(ref) : cells.size();
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                String value = readCellValue(type, style);
                while (cells.size() < column) {
                    cells.add(null);
                }
                cells.add(value);
            }
        }
        return cells;
    }

    private String readCellValue(String type, String style) throws XMLStreamException {
        StringBuilder v = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    v = new StringBuilder(xml.getElementText());
                } else if ("t".equals(name)) {
                    if (inline == null) {
                        inline = new StringBuilder();
                    }
                    inline.append(xml.getElementText());
                }
            }
        }
        String text = cellText(type, style, v == null ? null : v.toString(), inline == null ? null : inline.toString());
        return text == null || text.isBlank() ? null : text;
    }

    private String cellText(String type, String style, String v, String inline) {
        if ("inlineStr".equals(type)) {
            return inline;
        }
        if (v == null) {
            return null;
        }
        if (type == null || "n".equals(type)) {
            return number(v, style);
        }
        return switch (type) {
            case "s" -> strings.getItemAt(Integer.parseInt(v.strip())).getString();
            case "b" -> "1".equals(v.strip()) ? "true" : "false";
            default -> v; // str (formula text result), e (error such as #DIV/0!), d (ISO date)
        };
    }

    private String number(String v, String style) {
        BigDecimal value;
        try {
            value = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            return v;
        }
        if (style != null && styles != null && isDate(Integer.parseInt(style), value.doubleValue())) {
            LocalDateTime t = DateUtil.getLocalDateTime(value.doubleValue(), date1904);
            return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
        }
        return plainNumber(value);
    }

    /** A number as plain decimal text: {@code 17} not {@code 17.0}, {@code 0.25} not {@code 2.5E-1}. */
    static String plainNumber(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private boolean isDate(int styleIndex, double value) {
        if (styleIndex >= styles.getNumCellStyles()) {
            return false;
        }
        Boolean date = dateStyles.get(styleIndex);
        if (date == null) {
            // isADateFormat runs regular expressions; a sheet has few styles and many cells, so ask once per style.
            XSSFCellStyle style = styles.getStyleAt(styleIndex);
            date = style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
            dateStyles.put(styleIndex, date);
        }
        return date && DateUtil.isValidExcelDate(value);
    }

    /** Whether the workbook counts dates from 1904 (older Mac Excel) instead of 1900. */
    private static boolean usesDate1904(XSSFReader reader) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader workbook = factory.createXMLStreamReader(in);
            try {
                while (workbook.hasNext()) {
                    if (workbook.next() == XMLStreamConstants.START_ELEMENT) {
                        String name = workbook.getLocalName();
                        if ("workbookPr".equals(name)) {
                            String v = workbook.getAttributeValue(null, "date1904");
                            return "1".equals(v) || "true".equalsIgnoreCase(v);
                        }
                        if ("sheets".equals(name)) {
                            return false; // workbookPr comes before the sheet list
                        }
                    }
                }
                return false;
            } finally {
                workbook.close();
            }
        }
    }

    /** Column index (0-based) of a cell reference such as {@code AB12}. */
    static int columnIndex(String ref) {
        int index = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            index = index * 26 + (ch - 'A' + 1);
        }
        return index - 1;
    }

    private static void revertQuietly(OPCPackage pkg) {
        if (pkg != null) {
            pkg.revert();
        }
    }

}
