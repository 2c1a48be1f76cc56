package mx.zocalo.server.web;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Months without a year ({@code xsd:gMonth}, written {@code --01}; the table reads them as text) named for the
 * reader: {@code enero}, {@code January}. Their written form still orders them from January to December, so pages keep
 * it as the value (in links, filters and {@code <data value>}) and show the name.
 */
final class MonthNames {
    private static final Pattern G_MONTH = Pattern.compile("--(0[1-9]|1[0-2])(?:Z|[+-]\\d{2}:\\d{2})?");

    private MonthNames() {}

    /** The month {@code value} writes in the language of {@code locale}, or {@code null} when it is not a {@code --MM}. */
    static String name(String value, Locale locale) {
        if (value == null) return null;
        Matcher m = G_MONTH.matcher(value.trim());
        if (!m.matches()) return null;
        return Month.of(Integer.parseInt(m.group(1))).getDisplayName(TextStyle.FULL_STANDALONE, locale);
    }

    /** {@code value} as the reader reads it: a month's name, else the value as it is. */
    static String text(String value, Locale locale) {
        String n = name(value, locale);
        return n != null ? n : value;
    }
}
