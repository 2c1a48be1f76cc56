package mx.zocalo.converter.auto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one pass over a column saw: how many values and missing values, a few examples, which datatypes every value
 * fits, and whether the values are all different. Fed one cell at a time; memory is a few flags, the examples, and the
 * distinct values only while they are all different (given up at the first repeat, or past {@link #MAX_DISTINCT}).
 */
public final class ColumnProfile {
    /** Distinct values kept per column to tell whether it is unique; a longer column is not taken as identifier. */
    static final int MAX_DISTINCT = 2_000_000;
    private static final int EXAMPLES = 3;
    /** Distinct values counted per column to tell a category (a month, a state) from a measure; more count as many. */
    static final int MAX_CATEGORIES = 1_000;

    private final String title;
    private final int index;
    private String name;
    private long values;
    private long missing;
    private final Set<String> markers = new LinkedHashSet<>();
    private final List<String> examples = new ArrayList<>(EXAMPLES);
    private boolean dotNumber = true;
    private boolean dotWhole = true;
    private boolean commaNumber = true;
    private boolean commaWhole = true;
    private boolean leadingZero;
    private boolean commaSeen;
    private boolean bool = true;
    private boolean date = true;
    private boolean dmyDate;
    private boolean dateTime = true;
    private int maxLength;
    private Set<String> distinct = new HashSet<>();
    private Set<String> categories = new HashSet<>();

    private ColumnOverride override;
    /** Per datatype, the first value that does not fit it and its data row (from 1). */
    private final java.util.Map<ColumnType, Misfit> misfits = new java.util.EnumMap<>(ColumnType.class);

    /** A value that does not fit a datatype, and its data row (from 1). */
    public record Misfit(long row, String value) {}

    ColumnProfile(String title, int index) {
        this.title = title;
        this.index = index;
    }

    void add(String cell) {
        if (Values.isMissing(cell)) {
            missing++;
            if (cell != null && !cell.isBlank() && markers.size() < 10) {
                markers.add(cell.strip());
            }
            return;
        }
        String v = cell.strip();
        values++;
        if (examples.size() < EXAMPLES && !examples.contains(v)) {
            examples.add(v);
        }
        maxLength = Math.max(maxLength, v.length());
        if (dotNumber || commaNumber) {
            commaSeen |= v.indexOf(',') >= 0;
            if (Values.hasLeadingZero(v)) {
                leadingZero = true;
            }
            if (dotNumber && !Values.isNumber(v, Values.Style.DOT_DECIMAL)) {
                dotNumber = false;
            }
            dotWhole &= dotNumber && Values.isWhole(v, Values.Style.DOT_DECIMAL);
            if (commaNumber && !Values.isNumber(v, Values.Style.COMMA_DECIMAL)) {
                commaNumber = false;
            }
            commaWhole &= commaNumber && Values.isWhole(v, Values.Style.COMMA_DECIMAL);
        }
        bool &= Values.isBoolean(v);
        if (date) {
            date = Values.date(v) != null;
            dmyDate |= date && v.indexOf('/') > 0;
        }
        dateTime &= Values.dateTime(v) != null;
        if (distinct != null && (!distinct.add(v) || distinct.size() > MAX_DISTINCT)) {
            distinct = null;
        }
        if (categories != null && categories.add(v) && categories.size() > MAX_CATEGORIES) {
            categories = null;
        }
        if (misfits.size() < ColumnType.values().length - 1) {
            for (ColumnType t : ColumnType.values()) {
                if (!misfits.containsKey(t) && !fits(t)) {
                    misfits.put(t, new Misfit(values + missing, v));
                }
            }
        }
    }

    /** How many distinct values the column has, when at most {@link #MAX_CATEGORIES}; else -1. */
    int categories() {
        return categories == null ? -1 : categories.size();
    }

    /** The header as written, accents included. */
    public String title() {
        return title;
    }

    /** The property's local name, from the header ({@code Año} → {@code ano}). */
    public String name() {
        return name;
    }

    void name(String localName) {
        this.name = localName;
    }

    /** Position in the header, from 0. */
    public int index() {
        return index;
    }

    /** Cells with a value. */
    public long values() {
        return values;
    }

    /** Empty cells and missing-value markers. */
    public long missing() {
        return missing;
    }

    /** The missing-value markers other than the empty cell, as written (up to ten). */
    public List<String> markers() {
        return List.copyOf(markers);
    }

    /** The first few distinct values. */
    public List<String> examples() {
        return List.copyOf(examples);
    }

    /** Every row has a value and no two are the same. */
    public boolean unique() {
        return distinct != null && missing == 0 && values > 0;
    }

    public int maxLength() {
        return maxLength;
    }

    /**
     * The datatype every value fits: numbers first (a column of codes with leading zeros, such as {@code 019039}, stays
     * text), then booleans, dates, date-times; text otherwise, and for a column without values.
     */
    public ColumnType type() {
        if (override != null && override.type() != null) {
            return override.type();
        }
        return inferredType();
    }

    /** The datatype inferred from the values, whatever the publisher chose. */
    public ColumnType inferredType() {
        if (values == 0) {
            return ColumnType.STRING;
        }
        if ((dotNumber || commaNumber) && !leadingZero) {
            boolean whole = dotNumber ? dotWhole : commaWhole;
            return whole ? ColumnType.INTEGER : ColumnType.DECIMAL;
        }
        if (bool) {
            return ColumnType.BOOLEAN;
        }
        if (date) {
            return ColumnType.DATE;
        }
        if (dateTime) {
            return ColumnType.DATE_TIME;
        }
        return ColumnType.STRING;
    }

    /** Whether every value of the column has a canonical form in {@code t}. */
    boolean fits(ColumnType t) {
        if (values == 0) {
            return true;
        }
        return switch (t) {
            case INTEGER -> dotNumber && dotWhole || commaNumber && commaWhole;
            case DECIMAL -> dotNumber || commaNumber;
            case BOOLEAN -> bool;
            case DATE -> date;
            case DATE_TIME -> dateTime;
            case STRING -> true;
        };
    }

    /** The first value that does not fit {@code t}, or null when all do. */
    Misfit misfit(ColumnType t) {
        return misfits.get(t);
    }

    void override(ColumnOverride o) {
        this.override = o;
    }

    /** The publisher's correction, or null. */
    public ColumnOverride override() {
        return override;
    }

    /** The column's label in Spanish: the publisher's, else the header. */
    public String labelEs() {
        return override != null && override.labelEs() != null ? override.labelEs() : title;
    }

    /** The column's label in English given by the publisher, or null. */
    public String labelEn() {
        return override == null ? null : override.labelEn();
    }

    /** For numbers: {@code 1,234.5} unless only {@code 1.234,5} fits every value (both fit: the dot is the decimal mark). */
    Values.Style style() {
        if (type() == ColumnType.INTEGER && !(dotNumber && dotWhole)) {
            return Values.Style.COMMA_DECIMAL;
        }
        return dotNumber ? Values.Style.DOT_DECIMAL : Values.Style.COMMA_DECIMAL;
    }

    /** Numbers written with a comma (as group or decimal mark). */
    boolean grouped() {
        return commaSeen;
    }

    /** Dates written day/month/year. */
    boolean dayMonthYear() {
        return dmyDate;
    }

    /**
     * The canonical lexical form of a value of this column for its datatype, or null for a missing value. After the
     * whole column has been seen, every value has one.
     */
    String canonical(String cell) {
        if (Values.isMissing(cell)) {
            return null;
        }
        String v = cell.strip();
        return switch (type()) {
            case INTEGER -> Values.canonicalInteger(v, style());
            case DECIMAL -> Values.canonicalDecimal(v, style());
            case BOOLEAN -> Values.canonicalBoolean(v);
            case DATE -> Values.date(v);
            case DATE_TIME -> Values.dateTime(v);
            case STRING -> cell;
        };
    }
}
