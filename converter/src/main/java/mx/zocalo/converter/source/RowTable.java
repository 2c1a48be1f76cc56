package mx.zocalo.converter.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

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
        RawRow h = sample.get(found.index());
        List<String> cells = fillMerged(h.line(), h.cells());
        int dataFrom = found.index() + 1;
        if (found.twoRows()) {
            RawRow second = sample.get(dataFrom++);
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
                RawRow row = pending.isEmpty() ? readRaw() : pending.poll();
                if (row == null) {
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
                number++;
                checkCells(row, number);
                List<String> cells = row.cells();
                int width = writtenHeader.size();
                if (cells.size() > width) {
                    for (int c = width; c < cells.size(); c++) {
                        if (cells.get(c) != null && csv) {
                            throw new TableSourceException(where() + ", row " + number + " (line " + row.line() + "): "
                                    + lastNonEmpty(cells) + " cells, but the header has " + width
                                    + " columns (a delimiter too many, or an unquoted delimiter in a value?)", row.line(), null);
                        }
                    }
                    cells = cells.subList(0, width);
                }
                List<String> values = new ArrayList<>(header.size());
                if (options.allSheets()) {
                    values.add(sheetName());
                }
                values.addAll(cells);
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

    private static int lastNonEmpty(List<String> cells) {
        for (int c = cells.size() - 1; c >= 0; c--) {
            if (cells.get(c) != null) {
                return c + 1;
            }
        }
        return 0;
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
