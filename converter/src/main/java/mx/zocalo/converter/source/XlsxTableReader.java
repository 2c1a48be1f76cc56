package mx.zocalo.converter.source;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * An {@code .xlsx} workbook, streamed: POI's {@link XSSFReader} gives the sheet XML, shared strings come from a
 * {@link ReadOnlySharedStringsTable}, and the sheet is pulled row by row with StAX (a pull parser fits
 * {@link TableReader#next()}; memory stays flat however long the sheet is). One sheet (the one the options name, else the
 * first), or every sheet in turn.
 *
 * <p>Numbers are written as plain decimals with Excel's 15 significant digits, without a spurious {@code .0} and without
 * exponent; date-formatted numbers as ISO dates; formulas give their cached value; booleans {@code true}/{@code false};
 * cells holding only whitespace are empty.
 *
 * <p>The workbook is a zip archive: POI's {@link ZipSecureFile} refuses an entry that expands more than
 * {@value #MIN_INFLATE_RATIO_INVERSE} times (a zip bomb) or beyond {@link #MAX_ENTRY_BYTES}; the shared strings, which are
 * held in memory, must declare at most {@link #MAX_SHARED_STRINGS_BYTES}.
 */
final class XlsxTableReader extends RowTable {
    /** Excel's last column is XFD, the 16,384th. */
    static final int MAX_COLUMNS = 16_384;
    static final int MIN_INFLATE_RATIO_INVERSE = 100;
    static final long MAX_ENTRY_BYTES = (4L << 30) - 1; // 4 GiB, the most a zip entry holds (POI warns above it)
    static final long MAX_SHARED_STRINGS_BYTES = 256L << 20;
    /** The most characters read after {@code <mergeCells>} looking for merged ranges. */
    private static final int MAX_MERGE_XML = 4 << 20;

    static {
        ZipSecureFile.setMinInflateRatio(1.0 / MIN_INFLATE_RATIO_INVERSE);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private static final XMLInputFactory XML = newFactory();

    private final Path file;
    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final List<String> names;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();
    private int sheetIndex;
    private InputStream sheet;
    private XMLStreamReader xml;
    private List<CellText.Merge> merges;
    private long lastRow;
    private int width = 16;

    private XlsxTableReader(Path file, OPCPackage pkg, TableOptions options) throws Exception {
        super(file.getFileName().toString(), options, false);
        this.file = file;
        this.pkg = pkg;
        checkWorkbookPart(pkg);
        this.reader = new XSSFReader(pkg);
        checkSharedStringsSize(pkg);
        this.strings = new ReadOnlySharedStringsTable(pkg, false);
        this.styles = reader.getStylesTable();
        this.date1904 = usesDate1904(reader);
        // The sheet names come from the workbook part; only the chosen sheet's XML is opened (and streamed).
        this.names = new ArrayList<>();
        XSSFReader.SheetIterator listing = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (listing.hasNext()) {
            listing.next().close();
            names.add(listing.getSheetName());
        }
        int index = options.allSheets() ? 0 : TableOptions.sheetIndex(fileName, names, options.sheet());
        if (names.isEmpty()) {
            throw new TableSourceException(fileName + ": the workbook has no sheet", -1, null);
        }
        openSheet(index);
    }

    static XlsxTableReader open(Path file, TableOptions options) {
        OPCPackage pkg = null;
        XlsxTableReader table = null;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            table = new XlsxTableReader(file, pkg, options);
            table.start();
            return table;
        } catch (TableSourceException e) {
            closeQuietly(table, pkg);
            throw e;
        } catch (Exception | StackOverflowError e) {
            closeQuietly(table, pkg);
            throw new TableSourceException(file.getFileName() + ": " + explain(e), -1, e);
        }
    }

    /** POI's and the XML parser's failures, said for a person who has the file. */
    static String explain(Throwable e) {
        String all = "";
        for (Throwable t = e; t != null && all.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            all += " " + t.getMessage();
        }
        if (all.contains("Zip bomb") || all.contains("inflate ratio")) {
            return "refused: a part of the workbook expands more than " + MIN_INFLATE_RATIO_INVERSE
                    + " times its compressed size (a zip bomb?): " + firstLine(e);
        }
        if (all.contains("exceeds the max") || all.contains("max entry size") || all.contains("MaxEntrySize")) {
            return "refused: a part of the workbook is larger than " + (MAX_ENTRY_BYTES + 1 >> 20) + " MiB: " + firstLine(e);
        }
        return "cannot read Excel workbook (corrupt, or not an .xlsx file?): " + firstLine(e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** XSSFReader takes a package without its workbook part, and fails later on a null; say it here. */
    private void checkWorkbookPart(OPCPackage pkg) throws Exception {
        for (String type : List.of(PackageRelationshipTypes.CORE_DOCUMENT, PackageRelationshipTypes.STRICT_CORE_DOCUMENT)) {
            PackageRelationship rel = pkg.getRelationshipsByType(type).getRelationship(0);
            if (rel != null && pkg.getPart(rel) != null) {
                return;
            }
        }
        throw new TableSourceException(fileName + ": cannot read Excel workbook (corrupt, or not an .xlsx file?): "
                + "the package has no workbook part", -1, null);
    }

    private void checkSharedStringsSize(OPCPackage pkg) {
        for (PackagePart part : pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
            if (part.getSize() > MAX_SHARED_STRINGS_BYTES) {
                throw new TableSourceException(fileName + ": refused: the shared strings part is " + (part.getSize() >> 20)
                        + " MiB; it is held in memory, and the limit is " + (MAX_SHARED_STRINGS_BYTES >> 20) + " MiB", -1, null);
            }
        }
    }

    private InputStream sheetStream(int index) throws Exception {
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        InputStream chosen = sheets.next();
        for (int i = 0; i < index; i++) {
            chosen.close();
            chosen = sheets.next();
        }
        return chosen;
    }

    private void openSheet(int index) throws Exception {
        closeSheet();
        this.sheetIndex = index;
        this.sheet = sheetStream(index);
        this.xml = XML.createXMLStreamReader(sheet);
        this.merges = null;
        this.lastRow = 0;
    }

    @Override
    protected boolean nextSheet() {
        if (sheetIndex + 1 >= names.size()) {
            return false;
        }
        try {
            openSheet(sheetIndex + 1);
            return true;
        } catch (TableSourceException e) {
            throw e;
        } catch (Exception e) {
            throw new TableSourceException(where() + ": " + explain(e), -1, e);
        }
    }

    @Override
    protected String sheetName() {
        return names.get(sheetIndex);
    }

    @Override
    public String readAs() {
        return TableOptions.sheetsRead(names, sheetIndex, options.allSheets());
    }

    @Override
    public String description() {
        return options.allSheets() ? fileName + " (all sheets)" : fileName + " (sheet \"" + sheetName() + "\")";
    }

    @Override
    public void close() {
        closeSheet();
        pkg.revert();
    }

    private void closeSheet() {
        try {
            if (xml != null) {
                xml.close();
            }
            if (sheet != null) {
                sheet.close();
            }
        } catch (XMLStreamException | IOException e) {
            // nothing was written; closing a read-only package cannot lose data
        }
    }

    @Override
    protected List<String> fillMerged(long line, List<String> cells) {
        if (merges == null) {
            merges = readMerges();
        }
        return CellText.fill(line, cells, merges);
    }

    /**
     * The sheet's merged ranges. They follow the cell data in the sheet XML, so the sheet is read once more, as bytes,
     * up to {@code <mergeCells>} (no XML parsing, nothing kept).
     */
    private List<CellText.Merge> readMerges() {
        byte[] tag = "mergeCells".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = sheetStream(sheetIndex)) {
            byte[] buffer = new byte[1 << 16];
            int matched = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == tag[matched] ? matched + 1 : buffer[i] == tag[0] ? 1 : 0;
                    if (matched == tag.length) {
                        StringBuilder rest = new StringBuilder(new String(buffer, i + 1, n - i - 1, StandardCharsets.UTF_8));
                        while (rest.length() < MAX_MERGE_XML && (n = in.read(buffer)) > 0) {
                            rest.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                        return CellText.merges(rest);
                    }
                }
            }
            return List.of();
        } catch (Exception e) {
            throw new TableSourceException(where() + ": " + explain(e), -1, e);
        }
    }

    @Override
    protected RawRow readRaw() {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    String r = xml.getAttributeValue(null, "r");
                    long line = r != null ? rowNumber(r) : lastRow + 1;
                    lastRow = line;
                    List<String> cells = readCells(line);
                    width = Math.max(width, cells.size());
                    return new RawRow(line, line, cells);
                }
            }
            return null;
        } catch (TableSourceException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new TableSourceException(where() + ", after sheet row " + lastRow + ": malformed sheet: " + explain(e), lastRow, e);
        }
    }

    private long rowNumber(String r) {
        try {
            long line = Long.parseLong(r.strip());
            if (line >= 1) {
                return line;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new TableSourceException(where() + ", after sheet row " + lastRow + ": malformed sheet: row number \"" + r + "\"",
                lastRow, null);
    }

    private List<String> readCells(long line) throws XMLStreamException {
        List<String> cells = new ArrayList<>(width);
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                String ref = xml.getAttributeValue(null, "r");
                int column = ref != null ? columnIndex(ref) : cells.size();
                if (column < 0 || column >= MAX_COLUMNS) {
                    throw new TableSourceException(where() + ", sheet row " + line + ": malformed cell reference \"" + ref
                            + "\" (columns go from A to XFD)", line, null);
                }
                String type = xml.getAttributeValue(null, "t");
                String style = xml.getAttributeValue(null, "s");
                String value = readCellValue(line, column, type, style);
                while (cells.size() < column) {
                    cells.add(null);
                }
                if (column < cells.size()) {
                    cells.set(column, value); // a cell given twice, or out of order: the later one
                } else {
                    cells.add(value);
                }
            }
        }
        // Trailing empty cells (styled but blank) do not widen the row.
        int end = cells.size();
        while (end > 0 && cells.get(end - 1) == null) {
            end--;
        }
        return end == cells.size() ? cells : new ArrayList<>(cells.subList(0, end));
    }

    private String readCellValue(long line, int column, String type, String style) throws XMLStreamException {
        String v = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    v = xml.getElementText();
                } else if ("t".equals(name)) {
                    if (inline == null) {
                        inline = new StringBuilder();
                    }
                    inline.append(xml.getElementText());
                }
            }
        }
        String text = cellText(line, column, type, style, v, inline == null ? null : inline.toString());
        return text == null || text.isBlank() ? null : text;
    }

    private String cellText(long line, int column, String type, String style, String v, String inline) {
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
            case "s" -> sharedString(line, column, v);
            case "b" -> "1".equals(v.strip()) || "true".equalsIgnoreCase(v.strip()) ? "true" : "false";
            default -> v; // str (formula text result), e (error such as #DIV/0!), d (ISO date)
        };
    }

    private String sharedString(long line, int column, String v) {
        int index;
        try {
            index = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= strings.getCount()) {
            throw new TableSourceException(where() + ", sheet row " + line + ", column " + (column + 1)
                    + ": malformed sheet: shared string " + v + " does not exist (the workbook has " + strings.getCount() + ")",
                    line, null);
        }
        var item = strings.getItemAt(index);
        return item == null ? null : item.getString();
    }

    private String number(String v, String style) {
        BigDecimal value;
        try {
            value = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            return v;
        }
        if (style != null && styles != null && isDate(style, value)) {
            return CellText.isoDate(DateUtil.getLocalDateTime(value.doubleValue(), date1904));
        }
        return CellText.excelNumber(value);
    }

    /** A number as plain decimal text: {@code 17} not {@code 17.0}, {@code 0.25} not {@code 2.5E-1}. */
    static String plainNumber(BigDecimal value) {
        return CellText.plainNumber(value);
    }

    private boolean isDate(String styleText, BigDecimal value) {
        int styleIndex;
        try {
            styleIndex = Integer.parseInt(styleText.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (styleIndex < 0 || styleIndex >= styles.getNumCellStyles()) {
            return false;
        }
        Boolean date = dateStyles.get(styleIndex);
        if (date == null) {
            // isADateFormat runs regular expressions; a sheet has few styles and many cells, so ask once per style.
            XSSFCellStyle style = styles.getStyleAt(styleIndex);
            date = style != null && style.getDataFormatString() != null
                    && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
            dateStyles.put(styleIndex, date);
        }
        // Excel dates run from 1900 to 9999: serial numbers below 2,958,466.
        double d = value.doubleValue();
        return date && d >= 0 && d < 2_958_466 && DateUtil.isValidExcelDate(d);
    }

    /** Whether the workbook counts dates from 1904 (older Mac Excel) instead of 1900. */
    private static boolean usesDate1904(XSSFReader reader) throws Exception {
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader workbook = XML.createXMLStreamReader(in);
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

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /** Column index (0-based) of a cell reference such as {@code AB12}; -1 when it starts with no letter or has too many. */
    static int columnIndex(String ref) {
        int index = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            if (i >= 3) {
                return -1;
            }
            index = index * 26 + (ch - 'A' + 1);
        }
        return index - 1;
    }

    private static void closeQuietly(XlsxTableReader table, OPCPackage pkg) {
        try {
            if (table != null) {
                table.close();
            } else if (pkg != null) {
                pkg.revert();
            }
        } catch (RuntimeException e) {
            // already failing
        }
    }
}
