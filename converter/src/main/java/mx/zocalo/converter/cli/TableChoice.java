package mx.zocalo.converter.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import mx.zocalo.converter.source.TableOptions;
import picocli.CommandLine.Option;

/**
 * How to read a table that has no mapping ({@code convert --auto}, {@code mapping suggest}): by default the encoding,
 * the delimiter and the header row are found by the reader ({@link TableOptions#AUTO}); each option says it instead.
 */
public final class TableChoice {
    @Option(names = "--slug", paramLabel = "SLUG",
            description = "The dataset's name in the IRIs: {base}id/SLUG/..., {base}def/SLUG#... (default: from the file name, "
                    + "e.g. data_total.csv -> data-total).")
    String slug;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "CSV encoding, e.g. UTF-8, windows-1252, ISO-8859-1 (default: detected).")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter, e.g. ';' or '\\t' (default: found from the first lines).")
    String delimiter;

    @Option(names = "--header-row", paramLabel = "N", description = "The header is row N, counted from 1; the rows above it "
            + "(a title) are skipped (default: found below title rows).")
    Integer headerRow;

    @Option(names = "--sheet", paramLabel = "NAME|N", description = "Workbook sheet, by name or position from 1 (default: the first).")
    String sheet;

    @Option(names = "--all-sheets", description = "Read every sheet of a workbook, one after the other, with the sheet name as a first column.")
    boolean allSheets;

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "The column whose values name the rows, {base}id/SLUG/{value} "
            + "(default: a unique column named like an identifier, such as clave, id, cve_*, or a unique first column; else row numbers).")
    String idColumn;

    /** True when any of the options was given (they apply to a table without a mapping only). */
    boolean given() {
        return slug != null || encoding != null || delimiter != null || headerRow != null || sheet != null || allSheets || idColumn != null;
    }

    /**
     * The reader options these choices make.
     *
     * @throws IllegalArgumentException with a message for the user when an option is not valid
     */
    TableOptions options() {
        TableOptions o = TableOptions.AUTO;
        if (encoding != null) {
            try {
                o = o.withEncoding(Charset.forName(encoding));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new IllegalArgumentException("--encoding: unknown character set \"" + encoding + "\"");
            }
        }
        if (delimiter != null) {
            String d = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
            if (d.length() != 1) {
                throw new IllegalArgumentException("--delimiter: one character, not \"" + delimiter + "\"");
            }
            o = o.withDelimiter(d.charAt(0));
        }
        if (headerRow != null) {
            if (headerRow < 1) {
                throw new IllegalArgumentException("--header-row is counted from 1, not " + headerRow);
            }
            o = o.withHeaderRow(headerRow);
        }
        if (sheet != null && allSheets) {
            throw new IllegalArgumentException("give --sheet or --all-sheets, not both");
        }
        if (sheet != null) {
            o = o.withSheet(sheet);
        }
        if (allSheets) {
            o = o.withAllSheets();
        }
        return o;
    }
}
