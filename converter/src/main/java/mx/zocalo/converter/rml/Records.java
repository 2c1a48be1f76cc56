package mx.zocalo.converter.rml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mx.zocalo.converter.source.JsonPath;
import mx.zocalo.converter.source.JsonSource;
import mx.zocalo.converter.source.TableReader;
import mx.zocalo.converter.source.TableRow;

/** The records of a logical source, one at a time: table rows, or the JSON nodes an iterator selects. */
interface Records extends AutoCloseable {
    /** The next record, or null at the end. */
    Record next();

    /** Column names for a table; null for a source whose references are paths (JSON). */
    List<String> header();

    /** The header as the source writes it, where a name may repeat ({@link TableReader#writtenHeader()}). */
    default List<String> writtenHeader() {
        return header();
    }

    String description();

    /** What the header's names are, in messages: a table's "column"s, a logical view's "field"s. */
    default String keyKind() {
        return "column";
    }

    /** The logical source read, when it is a table file (for messages that read it again another way); else null. */
    default LogicalSource source() {
        return null;
    }

    /** The table reader, when the records are a table's rows; else null. */
    default TableReader table() {
        return null;
    }

    /** Where the current record is, for messages: "row 3 (line 4)", "record 3". */
    String where();

    /** Where record {@code number} (at {@code line}, -1 if none) is, for messages, as {@link #where()} says it. */
    default String where(long number, long line) {
        return line > 0 ? "row " + number + " (line " + line + ")" : "record " + number;
    }

    long number();

    long line();

    long bytesRead();

    @Override
    void close();

    /** The rows of {@code table}, read for logical source {@code source}. */
    static Records of(TableReader table, LogicalSource source) {
        Map<String, Integer> columns = RowValues.index(table.header());
        return new Records() {
            private TableRow row;

            @Override
            public LogicalSource source() {
                return source;
            }

            @Override
            public TableReader table() {
                return table;
            }

            @Override
            public Record next() {
                row = table.next();
                return row == null ? null : new RowValues(columns, row);
            }

            @Override
            public List<String> header() {
                return table.header();
            }

            @Override
            public List<String> writtenHeader() {
                return table.writtenHeader();
            }

            @Override
            public String description() {
                return table.description();
            }

            @Override
            public String where() {
                return where(row.number(), row.line());
            }

            @Override
            public String where(long number, long line) {
                return "row " + number + " (line " + line + ")";
            }

            @Override
            public long number() {
                return row.number();
            }

            @Override
            public long line() {
                return row.line();
            }

            @Override
            public long bytesRead() {
                return table.bytesRead();
            }

            @Override
            public void close() {
                table.close();
            }
        };
    }

    /** The records of a JSON file; values whose text is in {@code nulls} ({@code rml:null}; may be null) are NULL. */
    static Records json(java.nio.file.Path file, JsonPath iterator, java.util.Set<String> nulls) {
        java.util.Set<String> nullTexts = nulls == null ? java.util.Set.of() : nulls;
        List<JsonNode> nodes = JsonSource.records(file, iterator);
        Map<String, JsonPath> paths = new ConcurrentHashMap<>(); // records are mapped on several threads
        Iterator<JsonNode> it = nodes.iterator();
        return new Records() {
            private long number;

            @Override
            public Record next() {
                if (!it.hasNext()) {
                    return null;
                }
                number++;
                return new JsonRecord(paths, it.next(), nullTexts);
            }

            @Override
            public List<String> header() {
                return null;
            }

            @Override
            public String description() {
                return file.getFileName().toString();
            }

            @Override
            public String where() {
                return where(number, -1);
            }

            @Override
            public String where(long n, long line) {
                return "record " + n + " of " + iterator.source();
            }

            @Override
            public long number() {
                return number;
            }

            @Override
            public long line() {
                return -1;
            }

            @Override
            public long bytesRead() {
                return -1;
            }

            @Override
            public void close() {}
        };
    }
}
