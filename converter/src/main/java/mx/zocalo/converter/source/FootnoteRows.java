package mx.zocalo.converter.source;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which rows may be footnotes under a table ({@code "FUENTE: ..."}, {@code "n. d. = No disponible"}): a row is one when
 * nothing but such rows follows it to the end of the table ({@link RowTable} holds them until it knows). A row may be a
 * footnote when its first cell holds text (not a number) and
 *
 * <ol>
 *   <li>it is the only non-empty cell, in a table of three columns or more;</li>
 *   <li>or (CSV) the line is a single field, with no delimiter outside quotes ({@code "FUENTE: SHCP, 2023"} whole), in a
 *       table of two columns or more: a data row writes a delimiter per column even when its cells are empty;</li>
 *   <li>or it starts with a {@linkplain #startsWithFootnoteWord footnote word} and its non-empty cells are in the first
 *       columns: it leaves the header's last column empty (a note cut in two by a comma: {@code FUENTE: SHCP, cifras
 *       preliminares.}; a label in column A and its text in column B), or runs past it (a note cut by many commas).</li>
 * </ol>
 *
 * A row that fills every column of the header is data whatever its first word.
 */
final class FootnoteRows {
    private FootnoteRows() {}

    /**
     * The beginnings of a footnote, matched on the text stripped, in lower case, accents folded: a word followed by the
     * end of the text or by a character other than a letter; asterisks or daggers before text; a numbered note
     * ({@code 1/}, {@code a/}, {@code (1)}, {@code 1)}, {@code [1]}) before text; a legend: an abbreviation of up to six
     * characters, then {@code =} ({@code n. d. = No disponible}, {@code NA = No aplica}), or {@code :} after one with a
     * dot or slash or of one or two letters ({@code n.d.: No disponible}, {@code ND: No disponible}).
     */
    private static final Pattern FOOTNOTE = Pattern.compile(String.join("|",
            "(fuentes?|notas?|elaborad[oa]|elaboracion|cifras|observacion(es)?|actualizad[oa]|actualizacion"
                    + "|ultima actualizacion|fecha de actualizacion|fecha de corte|sources?|notes?)(?!\\p{L}).*",
            "[*\u2020\u2021]+\\s*\\p{L}.*",
            "(\\(?([0-9]{1,2}|[a-z])\\)|([0-9]{1,2}|[a-z])/|\\[[0-9]{1,2}])\\s*\\p{L}.*",
            "\\p{L}[\\p{L}./ ]{0,5}=\\s*\\p{L}.*",
            "(\\p{L}{1,2}|\\p{L}[\\p{L} ]{0,3}[./][\\p{L}./ ]{0,3})\\s*:\\s*\\p{L}.*"), Pattern.DOTALL);

    /**
     * Whether {@code text} starts as a footnote does: {@code FUENTE}, {@code Fuente(s)}, {@code Nota(s)},
     * {@code Elaborado/a}, {@code Elaboración}, {@code Cifras}, {@code Observación/es}, {@code Actualizado/a},
     * {@code Actualización}, {@code Última actualización}, {@code Fecha de actualización}, {@code Fecha de corte},
     * {@code Source(s)}, {@code Note(s)}, in any case, with or without accents; {@code *}, {@code **}, {@code †} before
     * text; {@code 1/}, {@code a/}, {@code (1)}, {@code [1]} before text; a legend {@code n. d. = ...}.
     */
    static boolean startsWithFootnoteWord(String text) {
        return text != null && FOOTNOTE.matcher(fold(text.strip())).matches();
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code row} may be a footnote of a table whose header has {@code width} columns.
     *
     * @param csv whether the row is a CSV record (a record of one field has no delimiter)
     */
    static boolean candidate(RawRow row, int width, boolean csv) {
        List<String> cells = row.cells();
        if (cells.isEmpty() || cells.get(0) == null || HeaderDetector.isNumber(cells.get(0))) {
            return false;
        }
        if (row.nonEmpty() == 1 && (width >= 3 || csv && cells.size() == 1 && width >= 2)) {
            return true;
        }
        int last = lastNonEmpty(cells);
        return last != width && startsWithFootnoteWord(cells.get(0));
    }

    /** How far the row's text reaches: 1 for the first column only. */
    static int lastNonEmpty(List<String> cells) {
        for (int c = cells.size() - 1; c >= 0; c--) {
            if (cells.get(c) != null) {
                return c + 1;
            }
        }
        return 0;
    }
}
