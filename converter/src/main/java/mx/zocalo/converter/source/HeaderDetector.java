package mx.zocalo.converter.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the header row of a table that may start with title rows (a report title, a date, a blank line), from a sample
 * of its first non-empty rows.
 *
 * <p>The table's <em>width</em> is the most frequent count of non-empty cells among the sampled rows (ties: the larger).
 * The header is the first row with at least {@code max(2, 60 % of the width)} non-empty cells (1 for a one-column table)
 * that is followed by such a row (right after it, or after one sub-header row), or that is the last row sampled (a
 * header without data). A title row has one cell or
 * few and is passed over; a header with an empty corner cell, or with a few unnamed columns, still qualifies.
 *
 * <p>A second header row is recognised and joined to the first ({@code "Sueldo Neto"} over {@code "sum"} gives
 * {@code "Sueldo Neto sum"}) when it holds only text, leaves empty a column that the next row fills, and stands over a
 * number in that next row: a sub-header above figures, not a first data row.
 */
final class HeaderDetector {
    static final int SAMPLE_ROWS = 50;
    private static final Pattern NUMBER = Pattern.compile("[-+]?[$]?[0-9][0-9.,]*([eE][-+]?[0-9]+)?%?|[-+]?[.,][0-9]+");

    private HeaderDetector() {}

    /** Where the header is in a sample of non-empty rows, and whether the row after it continues it. */
    record Found(int index, boolean twoRows) {}

    static Found find(List<RawRow> sample) {
        if (sample.isEmpty()) {
            return null;
        }
        int width = width(sample);
        int need = width <= 1 ? 1 : Math.max(2, (int) Math.ceil(width * 0.6));
        int header = 0;
        for (int i = 0; i < sample.size(); i++) {
            if (sample.get(i).nonEmpty() >= need && followedByData(sample, i, need)) {
                header = i;
                break;
            }
        }
        boolean twoRows = header + 2 < sample.size() && continues(sample.get(header + 1), sample.get(header + 2));
        return new Found(header, twoRows);
    }

    /** Row {@code i} is the last sampled, or one of the next two rows (after a possible sub-header) is as wide. */
    private static boolean followedByData(List<RawRow> sample, int i, int need) {
        return i + 1 == sample.size() || sample.get(i + 1).nonEmpty() >= need
                || i + 2 < sample.size() && sample.get(i + 2).nonEmpty() >= need
                || i + 2 == sample.size() && sample.get(i + 1).nonEmpty() >= 1;
    }

    private static int width(List<RawRow> sample) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (RawRow r : sample) {
            counts.merge(r.nonEmpty(), 1, Integer::sum);
        }
        int best = 0;
        int bestCount = -1;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() > best) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** Whether {@code second} is a sub-header row over the data row {@code data}. */
    private static boolean continues(RawRow second, RawRow data) {
        boolean gapOverData = false;
        boolean textOverNumber = false;
        List<String> s = second.cells();
        List<String> d = data.cells();
        for (int c = 0; c < Math.max(s.size(), d.size()); c++) {
            String sv = c < s.size() ? s.get(c) : null;
            String dv = c < d.size() ? d.get(c) : null;
            if (sv != null && isNumber(sv)) {
                return false;
            }
            if (sv == null && dv != null) {
                gapOverData = true;
            }
            if (sv != null && dv != null && isNumber(dv)) {
                textOverNumber = true;
            }
        }
        return gapOverData && textOverNumber;
    }

    static boolean isNumber(String text) {
        return NUMBER.matcher(text.strip()).matches();
    }

    /** The header of two rows: where the second has a name, "first second" (or only the second when the first is empty). */
    static java.util.List<String> join(List<String> first, List<String> second) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < Math.max(first.size(), second.size()); c++) {
            String a = c < first.size() ? first.get(c) : null;
            String b = c < second.size() ? second.get(c) : null;
            names.add(b == null ? a : a == null ? b : a.strip() + " " + b.strip());
        }
        return names;
    }
}
