package mx.zocalo.server.web;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pebble filters that write numbers and dates for the page's language ({@code es}: es-MX, {@code 39,439} and
 * {@code 15 de enero de 2024}; {@code en}: {@code 39,439} and {@code January 15, 2024}). A value that is not a number
 * or an ISO date is written as it is. {@code localvalue} names a month without a year ({@code --01}: enero, January).
 */
final class LocaleFilters extends AbstractExtension {
    /** The locale pages are written in for a language tag: Mexican Spanish for {@code es}. */
    static Locale locale(String lang) {
        return lang.equals("es") ? Locale.forLanguageTag("es-MX") : Locale.forLanguageTag(lang);
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.of("localnumber", filter(LocaleFilters::number), "localdate", filter(LocaleFilters::date),
                "localvalue", filter((v, locale) -> MonthNames.text(v.toString(), locale)));
    }

    /** A filter without arguments that writes its input for the template's locale. */
    private static Filter filter(java.util.function.BiFunction<Object, Locale, Object> write) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return input == null ? null : write.apply(input, context.getLocale());
            }
        };
    }

    private static Object number(Object input, Locale locale) {
        try {
            BigDecimal n = input instanceof Number number ? new BigDecimal(number.toString()) : new BigDecimal(input.toString().trim());
            NumberFormat f = NumberFormat.getNumberInstance(locale);
            f.setMaximumFractionDigits(Math.max(0, n.scale()));
            return f.format(n);
        } catch (NumberFormatException e) {
            return input;
        }
    }

    private static Object date(Object input, Locale locale) {
        String text = input.toString().trim();
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).format(date);
            }
            LocalDateTime t = text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? OffsetDateTime.parse(text).toLocalDateTime() : LocalDateTime.parse(text);
            return t.toLocalDate().format(date);
        } catch (DateTimeParseException e) {
            return input;
        }
    }
}
