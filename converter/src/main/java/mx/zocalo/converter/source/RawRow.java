package mx.zocalo.converter.source;

import java.util.List;

/**
 * A row as a format reader gives it, before the header is known.
 *
 * @param line    1-based line (CSV: where the record starts) or sheet row (Excel)
 * @param ordinal what {@code skipRows} counts: the CSV record number, or the sheet row number
 * @param cells   cell texts, null for empty
 */
record RawRow(long line, long ordinal, List<String> cells) {
    int nonEmpty() {
        int n = 0;
        for (String c : cells) {
            if (c != null) {
                n++;
            }
        }
        return n;
    }

    boolean isEmpty() {
        return nonEmpty() == 0;
    }
}
