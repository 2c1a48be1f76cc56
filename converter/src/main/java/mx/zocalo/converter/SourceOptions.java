package mx.zocalo.converter;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import mx.zocalo.converter.source.TableOptions;

/**
 * How to read a table, as a publisher says it: the header row, the sheet of a workbook, and for CSV the encoding and the
 * delimiter. Each is null when not given. They come from {@code dataset.yaml} ({@code source:}), from {@code convert}
 * ({@code --header-row}, {@code --sheet}, {@code --encoding}, {@code --delimiter}) or a YAML mapping's source; given to a
 * conversion ({@link Conversion.Builder#sourceOptions}), they apply to the mapping's table sources where the mapping itself
 * says nothing (its {@code csvw:dialect}, {@code rml:iterator}, or the YAML source's own keys win).
 *
 * <pre>{@code
 * SourceOptions o = SourceOptions.NONE.withHeaderRow(4).withEncoding(SourceOptions.encoding("windows-1252"));
 * }</pre>
 *
 * @param headerRow the header's row, from 1 (CSV: records, a blank line is none; a workbook: sheet rows as Excel numbers
 *                  them); the rows above it are skipped
 * @param sheet     a workbook's sheet, by name or position from 1
 * @param encoding  a CSV file's character encoding
 * @param delimiter a CSV file's delimiter
 */
public record SourceOptions(Integer headerRow, String sheet, Charset encoding, Character delimiter) {
    /** Nothing given. */
    public static final SourceOptions NONE = new SourceOptions(null, null, null, null);

    public SourceOptions {
        if (headerRow != null && headerRow < 1) {
            throw new IllegalArgumentException("the header row is counted from 1, not " + headerRow);
        }
        if (sheet != null && sheet.isBlank()) {
            throw new IllegalArgumentException("the sheet name is empty");
        }
        if (delimiter != null) {
            delimiter(String.valueOf(delimiter));
        }
    }

    public SourceOptions withHeaderRow(int row) {
        return new SourceOptions(row, sheet, encoding, delimiter);
    }

    public SourceOptions withSheet(String name) {
        return new SourceOptions(headerRow, name, encoding, delimiter);
    }

    public SourceOptions withEncoding(Charset charset) {
        return new SourceOptions(headerRow, sheet, charset, delimiter);
    }

    public SourceOptions withDelimiter(char c) {
        return new SourceOptions(headerRow, sheet, encoding, c);
    }

    public boolean isEmpty() {
        return headerRow == null && sheet == null && encoding == null && delimiter == null;
    }

    /** These options, with {@code fallback}'s where these give none. */
    public SourceOptions or(SourceOptions fallback) {
        return new SourceOptions(headerRow != null ? headerRow : fallback.headerRow, sheet != null ? sheet : fallback.sheet,
                encoding != null ? encoding : fallback.encoding, delimiter != null ? delimiter : fallback.delimiter);
    }

    /** {@code options} with each of these that is given instead of what {@code options} says or would detect. */
    public TableOptions applyTo(TableOptions options) {
        TableOptions o = options;
        if (encoding != null) {
            o = o.withEncoding(encoding);
        }
        if (delimiter != null) {
            o = o.withDelimiter(delimiter);
        }
        if (headerRow != null) {
            o = o.withHeaderRow(headerRow);
        }
        if (sheet != null) {
            o = o.withSheet(sheet);
        }
        return o;
    }

    /**
     * A character set by name ({@code UTF-8}, {@code windows-1252}, {@code ISO-8859-1}...).
     *
     * @throws IllegalArgumentException with a message for the publisher when Java knows no such character set
     */
    public static Charset encoding(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown character set \"" + name + "\" (such as UTF-8, windows-1252, ISO-8859-1)");
        }
    }

    /**
     * A delimiter: one character; {@code \t} (the two characters) or {@code tab} for a tab.
     *
     * @throws IllegalArgumentException with a message for the publisher when it is not one usable character
     */
    public static char delimiter(String text) {
        String d = text.equals("\\t") || text.equalsIgnoreCase("tab") ? "\t" : text;
        if (d.length() != 1) {
            throw new IllegalArgumentException("the delimiter is one character (such as ; or \\t), not \"" + text + "\"");
        }
        char c = d.charAt(0);
        if (c == '"' || c == '\r' || c == '\n') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        return c;
    }
}
