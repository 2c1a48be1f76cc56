package mx.zocalo.converter.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
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
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV, optionally gzipped, read record by record with Commons CSV (RFC 4180: quotes, CRLF or LF, blank lines ignored).
 * The encoding comes from the options, else from {@link CsvEncoding}; the delimiter from the options, or from
 * {@link DelimiterSniffer} when {@link TableOptions#sniffDelimiter()}.
 */
final class CsvTableReader extends RowTable {

    private static final Logger LOG = LoggerFactory.getLogger("mx.zocalo.converter.source");
    /** The most characters one record may take (a quote left open would otherwise swallow the rest of the file). */
    static final int MAX_RECORD_CHARS = 16 << 20;

    private final Path file;
    private final boolean gzipped;
    private final Charset charset;
    private final char delimiter;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final LimitedReader limited;
    private final CountingInputStream counted;
    private long ordinal;

    private CsvTableReader(Path file, boolean gzipped, TableOptions options, Charset charset, char delimiter,
            CountingInputStream counted, LimitedReader limited, CSVParser parser) {
        super(file.getFileName().toString(), options, true);
        this.file = file;
        this.gzipped = gzipped;
        this.charset = charset;
        this.delimiter = delimiter;
        this.counted = counted;
        this.limited = limited;
        this.parser = parser;
        this.records = parser.iterator();
    }

    static CsvTableReader open(Path file, boolean gzipped, TableOptions options) {
        String name = file.getFileName().toString();
        InputStream in = null;
        try {
            Charset charset;
            try (InputStream probe = stream(file, gzipped)) {
                charset = CsvEncoding.detect(probe, options.encoding());
            }
            if (options.encoding() == null && charset.equals(CsvEncoding.WINDOWS_1252)) {
                LOG.info("{} is not UTF-8; reading it as {} (Latin-1)", name, charset.name());
            }
            char delimiter = options.delimiter();
            if (options.sniffDelimiter()) {
                try (Reader sample = reader(stream(file, gzipped), charset)) {
                    char[] buffer = new char[DelimiterSniffer.CHARS + 1];
                    int n = sample.read(buffer, 0, buffer.length);
                    int total = Math.max(n, 0);
                    while (n > 0 && total < buffer.length) {
                        n = sample.read(buffer, total, buffer.length - total);
                        total += Math.max(n, 0);
                    }
                    delimiter = DelimiterSniffer.sniff(java.nio.CharBuffer.wrap(buffer, 0, total));
                }
            }
            CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
            in = counted;
            LimitedReader limited = new LimitedReader(reader(gzipped ? gunzip(counted) : new BufferedInputStream(counted, 1 << 16), charset));
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setDelimiter(delimiter).get();
            CsvTableReader table = new CsvTableReader(file, gzipped, options, charset, delimiter, counted, limited,
                    CSVParser.builder().setReader(limited).setFormat(format).get());
            try {
                table.start();
            } catch (RuntimeException e) {
                table.close();
                throw e;
            }
            return table;
        } catch (CsvEncoding.NotText e) {
            closeQuietly(in);
            throw new TableSourceException(name + ": cannot read as CSV: " + e.getMessage(), -1, e);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(in);
            throw new TableSourceException(name + ": cannot read CSV: " + ioMessage(gzipped, e), -1, e);
        } catch (TableSourceException e) {
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw new TableSourceException(name + ": cannot read CSV: " + e, -1, e);
        }
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16);
    }

    private static InputStream stream(Path file, boolean gzipped) throws IOException {
        InputStream in = Files.newInputStream(file);
        return gzipped ? gunzip(in) : new BufferedInputStream(in, 1 << 16);
    }

    /** Decodes the stream, dropping a byte order mark. */
    private static Reader reader(InputStream in, Charset charset) throws IOException {
        PushbackReader pushback = new PushbackReader(new InputStreamReader(in, charset), 1);
        int c = pushback.read();
        if (c != -1 && c != '\uFEFF') {
            pushback.unread(c);
        }
        return pushback;
    }

    private static String ioMessage(boolean gzipped, Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (gzipped && (cause instanceof EOFException || cause instanceof ZipException)) {
            return "corrupt or truncated gzip data (" + cause.getMessage() + ")";
        }
        return String.valueOf(cause.getMessage());
    }

    @Override
    protected RawRow readRaw() {
        long startLine = parser.getCurrentLineNumber() + 1; // for errors: where the record starts but for blank lines
        CSVRecord record;
        try {
            limited.restart();
            record = records.hasNext() ? records.next() : null;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                if (cause instanceof LimitedReader.TooLong) {
                    break;
                }
                cause = cause.getCause();
            }
            if (cause instanceof LimitedReader.TooLong) {
                throw new TableSourceException(fileName + ", line " + startLine + ": a record longer than " + MAX_RECORD_CHARS
                        + " characters (16 Mi): a quote left open?", startLine, e);
            }
            String message = e instanceof UncheckedIOException || e instanceof IllegalStateException
                    ? ioMessage(gzipped, e) : e.toString();
            throw new TableSourceException(fileName + ", line " + startLine + ": malformed CSV: " + message, startLine, e);
        }
        if (record == null) {
            return null;
        }
        startLine = limited.lineAt(record.getCharacterPosition());
        ordinal++;
        List<String> values = new ArrayList<>(record.size());
        boolean exact = options.nulls() != null; // then RowTable empties the listed texts, and only those
        for (String v : record) {
            values.add(v == null || !exact && v.isBlank() ? null : v); // a cell of only spaces is empty, as in a spreadsheet
        }
        return new RawRow(startLine, ordinal, values);
    }

    @Override
    public long bytesRead() {
        return counted == null ? -1 : counted.count();
    }

    @Override
    public String description() {
        return fileName;
    }

    /** The character encoding the file is read with. */
    Charset charset() {
        return charset;
    }

    /** The delimiter the file is read with. */
    char delimiter() {
        return delimiter;
    }

    @Override
    public String readAs() {
        String d = delimiter == '\t' ? "tab" : "\"" + delimiter + "\"";
        return "encoding " + charset.name() + (options.encoding() == null ? " (detected)" : "") + ", delimiter " + d
                + (options.sniffDelimiter() ? " (found)" : "");
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // read-only: nothing to lose
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

    /** Counts the characters read since the last {@link #restart()} and fails beyond {@link #MAX_RECORD_CHARS}. */
    static final class LimitedReader extends FilterReader {
        static final class TooLong extends IOException {
            TooLong() {
                super("record too long");
            }
        }

        private long count;
        /** Characters read so far; offsets of the line breaks read but not yet asked about; line breaks before them. */
        private long position;
        private final java.util.ArrayDeque<long[]> breaks = new java.util.ArrayDeque<>(); // {first, last} char of a break
        private long linesBefore;
        private boolean afterCr;

        LimitedReader(Reader in) {
            super(in);
        }

        void restart() {
            count = 0;
        }

        /**
         * The 1-based line of the record that Commons CSV says starts at character {@code offset}
         * ({@code getCharacterPosition()}; it points before the blank lines it skipped); offsets must not go back.
         */
        long lineAt(long offset) {
            while (!breaks.isEmpty() && breaks.peekFirst()[0] < offset) {
                breaks.pollFirst();
                linesBefore++;
            }
            while (!breaks.isEmpty() && breaks.peekFirst()[0] == offset) { // a blank line: the record starts after it
                offset = breaks.pollFirst()[1] + 1;
                linesBefore++;
            }
            return linesBefore + 1;
        }

        private void track(char[] buffer, int off, int n) {
            for (int i = off; i < off + n; i++) {
                char c = buffer[i];
                if (c == '\n' && afterCr && !breaks.isEmpty()) {
                    breaks.peekLast()[1] = position;
                } else if (c == '\r' || c == '\n') {
                    breaks.addLast(new long[] {position, position});
                }
                afterCr = c == '\r';
                position++;
            }
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                track(new char[] {(char) c}, 0, 1);
                if (++count > MAX_RECORD_CHARS) {
                    throw new TooLong();
                }
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                track(buffer, off, n);
            }
            if (n > 0 && (count += n) > MAX_RECORD_CHARS) {
                throw new TooLong();
            }
            return n;
        }
    }
}
