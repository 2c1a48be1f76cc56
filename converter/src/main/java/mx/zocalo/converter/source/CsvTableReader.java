package mx.zocalo.converter.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV, optionally gzipped, read record by record with Commons CSV: UTF-8 (byte order mark stripped), or
 * Windows-1252 when the file is not valid UTF-8 (see {@link CsvEncoding}).
 */
final class CsvTableReader implements TableReader {

    private static final Logger LOG = LoggerFactory.getLogger("mx.zocalo.converter.source");

    private final Path file;
    private final Charset charset;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private CountingInputStream counted;
    private final List<String> header;
    private long number;

    private CsvTableReader(Path file, Charset charset, CSVParser parser, int skipRows) {
        this.file = file;
        this.charset = charset;
        this.parser = parser;
        this.records = parser.iterator();
        skip(skipRows);
        List<String> h = new ArrayList<>();
        CSVRecord first = nextRecord();
        if (first != null) {
            first.forEach(h::add);
        }
        this.header = List.copyOf(h);
    }

    static CsvTableReader open(Path file, boolean gzipped, TableOptions options) {
        InputStream in = null;
        try {
            Charset charset = options.encoding();
            if (charset == null) {
                try (InputStream probe = stream(file, gzipped)) {
                    charset = CsvEncoding.detect(probe);
                }
            }
            if (options.encoding() == null && !charset.equals(StandardCharsets.UTF_8)) {
                LOG.info("{} is not UTF-8; reading it as {} (Latin-1)", file.getFileName(), charset.name());
            }
            CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
            in = counted;
            in = new BufferedInputStream(in, 1 << 16);
            in = gzipped ? new GZIPInputStream(in, 1 << 16) : in;
            Reader reader = new InputStreamReader(in, charset);
            reader = skipByteOrderMark(reader);
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setDelimiter(options.delimiter()).get();
            CsvTableReader table = new CsvTableReader(file, charset,
                    CSVParser.builder().setReader(reader).setFormat(format).get(), options.skipRows());
            table.counted = counted;
            return table;
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(in);
            throw new TableSourceException(file.getFileName() + ": cannot read CSV: " + e.getMessage(), -1, e);
        }
    }

    private static InputStream stream(Path file, boolean gzipped) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return gzipped ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static Reader skipByteOrderMark(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int c = pushback.read();
        if (c != -1 && c != '\uFEFF') {
            pushback.unread(c);
        }
        return pushback;
    }

    /** Skips records before the header, such as a title. */
    private void skip(int records) {
        for (int i = 0; i < records; i++) {
            if (nextRecord() == null) {
                return;
            }
        }
    }

    private CSVRecord nextRecord() {
        long startLine = parser.getCurrentLineNumber() + 1;
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TableSourceException(
                    file.getFileName() + ", line " + startLine + ": malformed CSV: " + cause.getMessage(), startLine, e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public TableRow next() {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord record = nextRecord();
        if (record == null) {
            return null;
        }
        number++;
        List<String> values = new ArrayList<>(record.size());
        for (String v : record) {
            values.add(v == null || v.isBlank() ? null : v); // a cell of only spaces is empty, as in a spreadsheet
        }
        return new TableRow(number, line, values);
    }

    @Override
    public long bytesRead() {
        return counted == null ? -1 : counted.count();
    }

    @Override
    public String description() {
        return file.getFileName().toString();
    }

    /** The character encoding the file is read with (UTF-8, or Windows-1252 when it is not UTF-8). */
    Charset charset() {
        return charset;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }
}
