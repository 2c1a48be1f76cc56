package mx.zocalo.converter.auto;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a cell's text is read when a table has no mapping: missing-value markers, numbers in the two ways of writing
 * them, booleans, dates, and the canonical form of each for its XSD datatype. Every method takes the cell as the reader
 * gives it and trims it first.
 */
final class Values {
    private Values() {}

    /** Markers of a missing value, compared trimmed, in lower case and without inner spaces. */
    static final Set<String> MISSING = Set.of("", "na", "n/a", "n/d", "n.d.", "nd", "-", "--", "…", "...");

    private static final Pattern US_NUMBER = Pattern.compile("[+-]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?([eE][+-]?\\d+)?|[+-]?\\.\\d+");
    private static final Pattern EU_NUMBER = Pattern.compile("[+-]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DMY_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2})(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Set<String> TRUE = Set.of("true", "verdadero", "sí", "si", "yes");
    private static final Set<String> FALSE = Set.of("false", "falso", "no");

    /** True for an empty cell and for the markers of a missing value ({@code NA}, {@code n. d.}, {@code -}…). */
    static boolean isMissing(String value) {
        if (value == null) {
            return true;
        }
        String v = value.strip();
        if (v.length() > 6) {
            return false;
        }
        return MISSING.contains(v.toLowerCase(Locale.ROOT).replace(" ", ""));
    }

    /** How numbers are written: {@code 1,234.5} (the usage in Mexico) or {@code 1.234,5}. */
    enum Style {
        DOT_DECIMAL, COMMA_DECIMAL
    }

    /** The parts of a number: is it a number in this style, and has it a fraction or exponent. */
    static boolean isNumber(String v, Style style) {
        return (style == Style.DOT_DECIMAL ? US_NUMBER : EU_NUMBER).matcher(v).matches();
    }

    /** A whole number in this style: no fraction, or one of only zeros ({@code 17.0}, a count saved as a float). */
    static boolean isWhole(String v, Style style) {
        if (!isNumber(v, style) || (style == Style.DOT_DECIMAL && (v.indexOf('e') >= 0 || v.indexOf('E') >= 0))) {
            return false;
        }
        int mark = v.indexOf(style == Style.DOT_DECIMAL ? '.' : ',');
        if (mark < 0) {
            return true;
        }
        for (int i = mark + 1; i < v.length(); i++) {
            if (v.charAt(i) != '0') {
                return false;
            }
        }
        return mark > 0 && Character.isDigit(v.charAt(mark - 1));
    }

    /** {@code 019039}, {@code 007}: a code, not a number. */
    static boolean hasLeadingZero(String v) {
        String s = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
        return s.length() > 1 && s.charAt(0) == '0' && Character.isDigit(s.charAt(1));
    }

    static BigDecimal number(String v, Style style) {
        String plain = style == Style.DOT_DECIMAL ? v.replace(",", "") : v.replace(".", "").replace(',', '.');
        return new BigDecimal(plain.startsWith("+") ? plain.substring(1) : plain);
    }

    static String canonicalInteger(String v, Style style) {
        return number(v, style).stripTrailingZeros().toBigIntegerExact().toString();
    }

    /** XSD canonical decimal: no exponent, no needless zeros, at least one digit after the point ({@code 1234.5}, {@code 17.0}). */
    static String canonicalDecimal(String v, Style style) {
        BigDecimal d = number(v, style).stripTrailingZeros();
        String s = d.toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    static boolean isBoolean(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        return TRUE.contains(l) || FALSE.contains(l);
    }

    static String canonicalBoolean(String v) {
        return TRUE.contains(v.toLowerCase(Locale.ROOT)) ? "true" : "false";
    }

    /** An ISO date ({@code 2014-03-01}) or day/month/year ({@code 01/03/2014}), as an ISO date; null if neither. */
    static String date(String v) {
        try {
            if (ISO_DATE.matcher(v).matches()) {
                return LocalDate.parse(v).toString();
            }
            Matcher m = DMY_DATE.matcher(v);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))).toString();
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** An ISO date-time ({@code 2014-03-01T10:30:00}, a space for the T, seconds optional, a zone optional) as xsd:dateTime. */
    static String dateTime(String v) {
        Matcher m = DATE_TIME.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String seconds = m.group(3) == null ? ":00" : m.group(3);
        String text = m.group(1) + "T" + m.group(2) + seconds;
        try {
            LocalDateTime.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
        return text + (m.group(5) == null ? "" : m.group(5));
    }
}
