package mx.zocalo.server.performance;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: its label ({@code 2014}, {@code 2014-03}, {@code 2014-Q1}, or {@code --03} for a month of a year
 * the data does not state) and its first and last day (both null for a month without a year).
 */
public record Period(String label, LocalDate start, LocalDate end, Frequency frequency) implements Comparable<Period> {
    private static final Pattern LABEL = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q([1-4]))?|--(\\d{2})");
    private static final Comparator<Period> ORDER = Comparator.comparing((Period p) -> p.start == null ? LocalDate.MIN : p.start)
            .thenComparing(Period::label);

    /** The period of {@code frequency} that holds {@code day}. */
    public static Period of(LocalDate day, Frequency frequency) {
        return switch (frequency) {
            case YEAR -> year(day.getYear());
            case MONTH -> month(YearMonth.from(day));
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
        };
    }

    public static Period year(int year) {
        return new Period(Integer.toString(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Frequency.YEAR);
    }

    public static Period month(YearMonth m) {
        return new Period(m.toString(), m.atDay(1), m.atEndOfMonth(), Frequency.MONTH);
    }

    public static Period quarter(int year, int q) {
        LocalDate s = LocalDate.of(year, (q - 1) * 3 + 1, 1);
        return new Period(year + "-Q" + q, s, s.plusMonths(3).minusDays(1), Frequency.QUARTER);
    }

    /** A month of a year the data does not state ({@code --03}). */
    public static Period monthOfNoYear(int month) {
        if (month < 1 || month > 12) throw new IllegalArgumentException("month " + month);
        return new Period(String.format("--%02d", month), null, null, Frequency.MONTH);
    }

    /** The period a label names ({@code 2014}, {@code 2014-03}, {@code 2014-Q1}, {@code --03}); null when it names none. */
    public static Period parse(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label.trim());
        if (m == null || !m.matches()) return null;
        if (m.group(4) != null) {
            int month = Integer.parseInt(m.group(4));
            return month >= 1 && month <= 12 ? monthOfNoYear(month) : null;
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            int month = Integer.parseInt(m.group(2));
            return month >= 1 && month <= 12 ? month(YearMonth.of(year, month)) : null;
        }
        if (m.group(3) != null) return quarter(year, Integer.parseInt(m.group(3)));
        return year(year);
    }

    /** Whether the period has dates (false for a month of a year the data does not state). */
    public boolean dated() {
        return start != null;
    }

    /** The next period of the same frequency (dated periods only). */
    public Period next() {
        return of(end.plusDays(1), frequency);
    }

    @Override
    public int compareTo(Period o) {
        return ORDER.compare(this, o);
    }
}
