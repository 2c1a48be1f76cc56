package mx.zocalo.converter.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * What every table reader does once a format reader gives raw rows: skip the rows before the header, find the header
 * ({@link TableOptions#detectHeader()}), name its columns ({@link HeaderNames}), fill merged header cells, read every
 * sheet one after the other ({@link TableOptions#allSheets()}), refuse oversized cells, and (CSV) rows wider than the
 * header. Any failure leaves as a {@link TableSourceException}.
 */
abstract class RowTable implements TableReader {
    /** The longest cell accepted, in characters. */
    static final int MAX_CELL_CHARS = 1 << 20;

    protected final String fileName;
    protected final TableOptions options;
    private final boolean csv;
    private final Deque<RawRow> pending = new ArrayDeque<>();
    /** Rows that look like footnotes, held until a data row follows them (then they are data) or the table ends. */
    private final List<RawRow> held = new ArrayList<>();
    /** Rows to give as data without the footnote check: held rows that a data row followed. */
    private final Deque<RawRow> ready = new ArrayDeque<>();
    private final List<String> layout = new ArrayList<>();
    private HeaderLayout headerLayout = new HeaderLayout(0, 1);
    private List<String> header;
    private List<String> writtenHeader;
    private String headerSheet;
    private long number;

    RowTable(String fileName, TableOptions options, boolean csv) {
        this.fileName = fileName;
        this.options = options;
        this.csv = csv;
    }

    /** The next row of the current sheet (of the file, for CSV), or null at its end. */
    protected abstract RawRow readRaw();

    /** Moves to the next sheet when reading all sheets; false when there is none. */
    protected boolean nextSheet() {
        return false;
    }

    /** The current sheet's name, or null for CSV. */
    protected String sheetName() {
        return null;
    }

    /** The header cells of sheet row {@code line} with the values of merged cells given to every column they span. */
    protected List<String> fillMerged(long line, List<String> cells) {
        return cells;
    }

    /** Reads the header of the first sheet (of the first non-empty one, for all sheets); subclasses call it once open. */
    protected final void start() {
        List<String> h = readHeader();
        while (h == null && options.allSheets() && nextSheet()) {
            h = readHeader();
        }
        if (h == null) {
            throw new TableSourceException(where() + ": the " + (csv ? "file" : "sheet") + " is empty: no header row"
                    + (options.skipRows() > 0 ? " after the " + options.skipRows() + " skipped rows" : ""), -1, null);
        }
        writtenHeader = Collections.unmodifiableList(h);
        List<String> names = new ArrayList<>(h.size() + 1);
        if (options.allSheets()) {
            names.add("sheet");
            headerSheet = sheetName();
        }
        names.addAll(h);
        header = HeaderNames.unique(names);
    }

    /** The header of the current sheet as written (merged cells filled), or null when the sheet has no row. */
    private List<String> readHeader() {
        if (!options.detectHeader()) {
            RawRow first;
            do {
                first = readRaw();
            } while (first != null && (first.ordinal() <= options.skipRows() || !csv && first.isEmpty()));
            if (first == null) {
                return null;
            }
            checkCells(first, null);
            headerLayout = new HeaderLayout(first.line() - 1, 1);
            return strip(fillMerged(first.line(), first.cells()));
        }
        List<RawRow> sample = new ArrayList<>();
        RawRow r;
        RawRow oversized = null; // ends the sample (no more huge rows held), and fails as a data row or the header
        while (sample.size() < HeaderDetector.SAMPLE_ROWS && (r = readRaw()) != null) {
            if (r.ordinal() > options.skipRows() && !r.isEmpty()) {
                if (r.cells().stream().anyMatch(c -> c != null && c.length() > MAX_CELL_CHARS)) {
                    oversized = r;
                    break;
                }
                sample.add(r);
            }
        }
        if (sample.isEmpty() && oversized != null) {
            checkCells(oversized, null);
        }
        HeaderDetector.Found found = HeaderDetector.find(sample);
        if (found == null) {
            return null;
        }
        if (oversized != null) {
            sample.add(oversized);
        }
        if (found.headerless()) {
            int width = 0;
            for (RawRow row : sample) {
                width = Math.max(width, row.cells().size());
            }
            pending.addAll(sample.subList(found.index(), sample.size()));
            layout.add("no header row: the first data row is line " + sample.get(found.index()).line()
                    + (found.index() > 0 ? " (lines above it are titles)" : "") + ", columns are named column_1 to column_" + width);
            headerLayout = new HeaderLayout(sample.get(found.index()).line() - 1, 0);
            return new ArrayList<>(Collections.nCopies(width, ""));
        }
        RawRow h = sample.get(found.index());
        if (found.index() > 0) {
            layout.add("header on line " + h.line() + "; the " + (h.line() == 2 ? "line" : "lines") + " above it ("
                    + found.index() + (found.index() == 1 ? " title" : " titles") + ") left out");
        }
        List<String> cells = fillMerged(h.line(), h.cells());
        headerLayout = new HeaderLayout(h.line() - 1, found.twoRows() ? 2 : 1);
        int dataFrom = found.index() + 1;
        if (found.twoRows()) {
            RawRow second = sample.get(dataFrom++);
            layout.add("header on lines " + h.line() + " and " + second.line() + ", joined: a name per column from both rows");
            cells = HeaderDetector.join(cells, fillMerged(second.line(), second.cells()));
        }
        pending.addAll(sample.subList(dataFrom, sample.size()));
        return strip(cells);
    }

    private static List<String> strip(List<String> cells) {
        List<String> h = new ArrayList<>(cells.size());
        for (String c : cells) {
            h.add(c == null ? "" : c.strip());
        }
        return h;
    }

    @Override
    public final List<String> header() {
        return header;
    }

    /** The header as the file writes it (before {@link HeaderNames} made the names unique), without the sheet column. */
    public final List<String> writtenHeader() {
        return writtenHeader;
    }

    @Override
    public final TableRow next() {
        try {
            while (true) {
                boolean checked = !ready.isEmpty();
                RawRow row = checked ? ready.poll() : pending.isEmpty() ? readRaw() : pending.poll();
                if (row == null) {
                    dropFootnotes();
                    if (options.allSheets() && nextSheet()) {
                        List<String> h = readHeader();
                        if (h != null && !h.equals(writtenHeader)) {
                            throw new TableSourceException(where() + ": the header differs from the header of sheet \""
                                    + headerSheet + "\", so the sheets cannot be read as one table; it is " + quoted(h)
                                    + ", the first is " + quoted(writtenHeader), -1, null);
                        }
                        continue;
                    }
                    return null;
                }
                if (row.isEmpty() && (!csv || options.detectHeader())) {
                    continue;
                }
                if (!checked && options.detectHeader()) {
                    if (looksLikeFootnote(row)) {
                        held.add(row);
                        continue;
                    }
                    if (!held.isEmpty()) {
                        ready.addAll(held);
                        ready.add(row);
                        held.clear();
                        continue;
                    }
                }
                number++;
                checkCells(row, number);
                List<String> cells = row.cells();
                int width = writtenHeader.size();
                if (cells.size() > width) {
                    for (int c = width; c < cells.size(); c++) {
                        if (cells.get(c) != null && csv) {
                            throw new TableSourceException(where() + ", row " + number + " (line " + row.line() + "): "
                                    + FootnoteRows.lastNonEmpty(cells) + " cells, but the header has " + width
                                    + " columns (a delimiter too many, or an unquoted delimiter in a value?)", row.line(), null);
                        }
                    }
                    cells = cells.subList(0, width);
                } else if (cells.size() < width && csv && options.strictRows()) {
                    throw new TableSourceException(where() + ", row " + number + " (line " + row.line() + "): " + cells.size()
                            + (cells.size() == 1 ? " cell" : " cells") + ", but the header has " + width + " columns (a delimiter "
                            + "missing, a line break in a value without quotes, or a note below the table?); give the row every "
                            + "column, with empty cells where there is no value", row.line(), null);
                }
                List<String> values = new ArrayList<>(header.size());
                if (options.allSheets()) {
                    values.add(sheetName());
                }
                Set<String> nulls = options.nulls();
                if (nulls == null || nulls.isEmpty()) {
                    values.addAll(cells);
                } else {
                    for (String v : cells) {
                        values.add(v != null && nulls.contains(v) ? null : v);
                    }
                }
                while (values.size() < header.size()) {
                    values.add(null);
                }
                return new TableRow(number, row.line(), values);
            }
        } catch (TableSourceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TableSourceException(where() + ": cannot read the table: " + e, -1, e);
        }
    }

    /**
     * A row that may be a footnote ({@link FootnoteRows}): one when nothing but such rows follows it to the end of the
     * table; otherwise data. Only with the layout detected ({@link TableOptions#detectHeader()}): a header row given by
     * number reads every row.
     */
    private boolean looksLikeFootnote(RawRow row) {
        return FootnoteRows.candidate(row, writtenHeader.size(), csv);
    }

    private void dropFootnotes() {
        if (held.isEmpty()) {
            return;
        }
        long first = held.get(0).line();
        long last = held.get(held.size() - 1).line();
        boolean firstColumn = held.stream().allMatch(r -> FootnoteRows.lastNonEmpty(r.cells()) == 1);
        layout.add((sheetName() == null ? "" : "sheet \"" + sheetName() + "\": ") + held.size()
                + (held.size() == 1 ? " footnote row" : " footnote rows") + " after the table left out (line"
                + (first == last ? " " + first : "s " + first + " to " + last) + ", text in the first "
                + (firstColumn ? "column only)" : "columns only)"));
        held.clear();
    }

    @Override
    public final HeaderLayout headerLayout() {
        return headerLayout;
    }

    @Override
    public final List<String> layoutNotes() {
        return List.copyOf(layout);
    }

    private void checkCells(RawRow row, Long number) {
        List<String> cells = row.cells();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            if (v != null && v.length() > MAX_CELL_CHARS) {
                String column = header != null && c < writtenHeader.size() ? "column \"" + header.get(c + (options.allSheets() ? 1 : 0)) + "\" (" + (c + 1) + ")"
                        : "column " + (c + 1);
                throw new TableSourceException(where() + ", " + (number == null ? "header row" : "row " + number)
                        + " (line " + row.line() + "), " + column + ": a cell of " + v.length()
                        + " characters; the limit is " + MAX_CELL_CHARS + " (1 MiB)", row.line(), null);
            }
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList());
    }

    /** The file, and the sheet being read, for messages. */
    protected String where() {
        String sheet = sheetName();
        return sheet == null ? fileName : fileName + " (sheet \"" + sheet + "\")";
    }
}
