package mx.zocalo.converter.source;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How spreadsheet values become text, the same for {@code .xlsx} and {@code .xls}; and merged header cells. */
final class CellText {
    private CellText() {}

    /** Excel keeps 15 significant digits: more, in a stored double, are binary noise (0.30000000000000004). */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    /** A number as plain decimal text: {@code 17} not {@code 17.0}, {@code 0.25} not {@code 2.5E-1}. */
    static String plainNumber(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** A stored spreadsheet number as Excel shows it: at most 15 significant digits, plain decimal. */
    static String excelNumber(BigDecimal value) {
        return plainNumber(value.precision() > 15 ? value.round(EXCEL_DIGITS) : value);
    }

    /** An ISO date, or an ISO date-time when there is a time of day. */
    static String isoDate(LocalDateTime t) {
        return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
    }

    /** A merged range: sheet rows and 0-based columns, inclusive. */
    record Merge(long firstRow, long lastRow, int firstColumn, int lastColumn) {}

    private static final Pattern RANGE = Pattern.compile("ref=\"([A-Za-z]{1,3})([0-9]{1,7}):([A-Za-z]{1,3})([0-9]{1,7})\"");

    /** The merged ranges in the text of a sheet's {@code <mergeCells>} element. */
    static List<Merge> merges(CharSequence xml) {
        List<Merge> merges = new ArrayList<>();
        Matcher m = RANGE.matcher(xml);
        while (m.find() && merges.size() < 100_000) {
            long r1 = Long.parseLong(m.group(2));
            long r2 = Long.parseLong(m.group(4));
            int c1 = XlsxTableReader.columnIndex(m.group(1).toUpperCase(java.util.Locale.ROOT));
            int c2 = XlsxTableReader.columnIndex(m.group(3).toUpperCase(java.util.Locale.ROOT));
            if (c1 >= 0 && c2 >= c1 && c2 < XlsxTableReader.MAX_COLUMNS && r2 >= r1) {
                merges.add(new Merge(r1, r2, c1, c2));
            }
        }
        return merges;
    }

    /** The cells of sheet row {@code line} with the value of each merged range starting on it copied to the columns it spans. */
    static List<String> fill(long line, List<String> cells, List<Merge> merges) {
        List<String> filled = null;
        for (Merge m : merges) {
            if (m.firstRow() != line || m.firstColumn() >= cells.size() || cells.get(m.firstColumn()) == null) {
                continue;
            }
            if (filled == null) {
                filled = new ArrayList<>(cells);
            }
            String value = cells.get(m.firstColumn());
            for (int c = m.firstColumn() + 1; c <= m.lastColumn(); c++) {
                while (filled.size() <= c) {
                    filled.add(null);
                }
                if (filled.get(c) == null) {
                    filled.set(c, value);
                }
            }
        }
        return filled == null ? cells : filled;
    }
}
