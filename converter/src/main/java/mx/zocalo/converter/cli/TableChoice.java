package mx.zocalo.converter.cli;

import mx.zocalo.converter.SourceOptions;
import mx.zocalo.converter.source.TableOptions;
import picocli.CommandLine.Option;

/**
 * How to read a table. Without a mapping ({@code convert --auto}, {@code mapping suggest}) the encoding, the delimiter
 * and the header row are found by the reader ({@link TableOptions#AUTO}) unless an option says it. With a mapping
 * ({@code convert --mapping}) {@code --encoding}, {@code --delimiter}, {@code --header-row} and {@code --sheet} apply to
 * every table it reads, where the mapping does not say it itself.
 */
public final class TableChoice {
    @Option(names = "--slug", paramLabel = "SLUG",
            description = "The dataset's name in the IRIs: {base}id/SLUG/..., {base}def/SLUG#... (default: from the file name, "
                    + "e.g. data_total.csv -> data-total).")
    String slug;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "CSV encoding, e.g. UTF-8, windows-1252, ISO-8859-1 "
            + "(default: detected). With convert --mapping: for every CSV source whose mapping gives no csvw:encoding.")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV delimiter, e.g. ';' or '\\t' (default: found from the "
            + "first lines; with --mapping, a comma). With convert --mapping: for every CSV source whose mapping gives no csvw:delimiter.")
    String delimiter;

    @Option(names = "--header-row", paramLabel = "N", description = "The header is row N, counted from 1; the rows above it "
            + "(a title) are skipped (default: found below title rows; with --mapping, the first row). With convert --mapping: for "
            + "every table source whose mapping gives no csvw:skipRows.")
    Integer headerRow;

    @Option(names = "--sheet", paramLabel = "NAME|N", description = "Workbook sheet, by name or position from 1 (default: the "
            + "first). With convert --mapping: for every workbook source whose mapping names no sheet (rml:iterator).")
    String sheet;

    @Option(names = "--all-sheets", description = "Read every sheet of a workbook, one after the other, with the sheet name as a first column.")
    boolean allSheets;

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "The column whose values name the rows, {base}id/SLUG/{value} "
            + "(default: a unique column named like an identifier, such as clave, id, cve_*, or a unique first column; else row numbers).")
    String idColumn;

    /** True when an option that only a table without a mapping has was given (--slug, --all-sheets, --id-column). */
    boolean autoOnlyGiven() {
        return slug != null || allSheets || idColumn != null;
    }

    /**
     * How to read the table(s), as given: with a mapping, for every table source that does not say it itself.
     *
     * @throws IllegalArgumentException with a message for the user when an option is not valid
     */
    SourceOptions sourceOptions() {
        SourceOptions o = SourceOptions.NONE;
        if (encoding != null) {
            try {
                o = o.withEncoding(SourceOptions.encoding(encoding));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--encoding: " + e.getMessage());
            }
        }
        if (delimiter != null) {
            try {
                o = o.withDelimiter(SourceOptions.delimiter(delimiter));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--delimiter: " + e.getMessage());
            }
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
        return sheet == null ? o : o.withSheet(sheet);
    }

    /**
     * The reader options for a table without a mapping: what is not given is found.
     *
     * @throws IllegalArgumentException with a message for the user when an option is not valid
     */
    TableOptions options() {
        TableOptions o = sourceOptions().applyTo(TableOptions.AUTO);
        return allSheets ? o.withAllSheets() : o;
    }
}
