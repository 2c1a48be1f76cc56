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

    /**
     * Where the header is in a sample of non-empty rows, and whether the row after it continues it. With
     * {@code headerless} the table has no header: row {@code index} is its first data row (the rows above are titles).
     */
    record Found(int index, boolean twoRows, boolean headerless) {}

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
        if (header > 0 && !standsOut(sample, header)) {
            return new Found(header, false, true);
        }
        boolean twoRows = header + 2 < sample.size() && continues(sample.get(header + 1), sample.get(header + 2));
        return new Found(header, twoRows, false);
    }

    /** Row {@code i} is the last sampled, or one of the next two rows (after a possible sub-header) is as wide. */
    private static boolean followedByData(List<RawRow> sample, int i, int need) {
        return i + 1 == sample.size() || sample.get(i + 1).nonEmpty() >= need
                || i + 2 < sample.size() && sample.get(i + 2).nonEmpty() >= need
                || i + 2 == sample.size() && sample.get(i + 1).nonEmpty() >= 1;
    }

    /**
     * Whether row {@code h}, found below title rows, differs from the rows under it as a header does: in some column
     * where at least 80 % of the values below share a {@link Shape} (all numbers, all dates, all lower-case codes...),
     * its cell has another shape ({@code "Clave"} over {@code "01001"}, {@code "Núm."} over {@code "1"}). A row that
     * looks like the rows under it in every column is data: the table has no header, only titles (a data dictionary
     * listing {@code ent, Clave de la entidad federativa} under a title line). The first row of a file is taken as the
     * header without this check, as every CSV reader does.
     */
    static boolean standsOut(List<RawRow> sample, int h) {
        List<String> head = sample.get(h).cells();
        List<RawRow> body = sample.subList(h + 1, sample.size());
        if (body.isEmpty()) {
            return true;
        }
        for (int c = 0; c < head.size(); c++) {
            String name = head.get(c);
            if (name == null) {
                continue;
            }
            Map<Shape, Integer> shapes = new java.util.EnumMap<>(Shape.class);
            int values = 0;
            for (RawRow r : body) {
                String v = c < r.cells().size() ? r.cells().get(c) : null;
                if (v != null) {
                    shapes.merge(Shape.of(v), 1, Integer::sum);
                    values++;
                }
            }
            if (values == 0) {
                continue;
            }
            for (Map.Entry<Shape, Integer> e : shapes.entrySet()) {
                if (e.getValue() >= Math.ceil(values * 0.8) && e.getKey() != Shape.of(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rough form of a cell's text, to tell a header's names from the values under them. */
    enum Shape {
        NUMBER, DATE, LOWER_CODE, UPPER_CODE, WORD, PHRASE;

        private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T].*)?");
        private static final Pattern LOWER = Pattern.compile("[\\p{Ll}0-9_.-]*\\p{Ll}[\\p{Ll}0-9_.-]*");
        private static final Pattern UPPER = Pattern.compile("[\\p{Lu}0-9_.-]*\\p{Lu}[\\p{Lu}0-9_.-]*");

        static Shape of(String text) {
            String t = text.strip();
            if (isNumber(t)) {
                return NUMBER;
            }
            if (DATE_TEXT.matcher(t).matches()) {
                return DATE;
            }
            if (LOWER.matcher(t).matches()) {
                return LOWER_CODE;
            }
            if (UPPER.matcher(t).matches()) {
                return UPPER_CODE;
            }
            return t.chars().anyMatch(Character::isWhitespace) ? PHRASE : WORD;
        }
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
