package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Amounts of money written for the reader, as the story page's script writes them with {@code Intl.NumberFormat}:
 * Spanish in millions ({@code $1,234.5 millones}) or, from a million million, {@code billones}
 * ({@code $8.12 billones}); English in millions, billions and trillions ({@code $1.23 billion}). Percentages with one
 * decimal and a sign for changes.
 */
final class Amounts {
    private static final BigDecimal MILLION = new BigDecimal("1e6");
    private static final BigDecimal BILLION = new BigDecimal("1e9");
    private static final BigDecimal TRILLION = new BigDecimal("1e12");

    private Amounts() {}

    static String money(BigDecimal v, String lang) {
        if (v == null) return "";
        BigDecimal abs = v.abs();
        String sign = v.signum() < 0 ? "−" : "";
        Locale locale = LocaleFilters.locale(lang);
        if (lang.equals("es")) {
            if (abs.compareTo(TRILLION) >= 0) return sign + "$" + decimals(abs.divide(TRILLION), 2, locale) + " billones";
            if (abs.compareTo(MILLION) >= 0) return sign + "$" + decimals(abs.divide(MILLION), 1, locale) + " millones";
            return sign + "$" + decimals(abs, 0, locale);
        }
        if (abs.compareTo(TRILLION) >= 0) return sign + "$" + decimals(abs.divide(TRILLION), 2, locale) + " trillion";
        if (abs.compareTo(BILLION) >= 0) return sign + "$" + decimals(abs.divide(BILLION), 2, locale) + " billion";
        if (abs.compareTo(MILLION) >= 0) return sign + "$" + decimals(abs.divide(MILLION), 1, locale) + " million";
        return sign + "$" + decimals(abs, 0, locale);
    }

    /** A change in percent with its sign: {@code +12.3 %}, {@code −4.0 %}. */
    static String change(double percent, String lang) {
        String n = decimals(BigDecimal.valueOf(Math.abs(percent)), 1, LocaleFilters.locale(lang));
        return (percent > 0 ? "+" : percent < 0 ? "−" : "") + n + " %";
    }

    /** A share in percent: {@code 12.3 %}. */
    static String percent(double percent, String lang) {
        return decimals(BigDecimal.valueOf(percent), 1, LocaleFilters.locale(lang)) + " %";
    }

    private static String decimals(BigDecimal v, int digits, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(v.setScale(digits, RoundingMode.HALF_UP));
    }
}
