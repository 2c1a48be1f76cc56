package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Numbers as a chart's reader says them, the same way {@code site/static/chart.js} writes them with {@code Intl}:
 * Spanish counts large amounts in millions ({@code $1,234.5 millones}, {@code 2.5 billones} for 10¹²), English in
 * millions, billions and trillions with three significant digits ({@code $1.23 billion}); smaller numbers in full
 * with thousands separators. A unit of money puts {@code $} before, a percentage {@code %} after.
 */
final class ChartNumbers {
    /** What a measure counts, read from its column's label: {@code (pesos)} is money, {@code (%)} a percentage. */
    enum Unit {
        NONE, MONEY, PERCENT;

        static Unit of(String label) {
            if (label == null) return NONE;
            String l = label.toLowerCase(Locale.ROOT);
            if (l.contains("(pesos") || l.contains("(mxn") || l.contains("($")) return MONEY;
            if (l.contains("(%)") || l.contains("porcentaje") || l.contains("share")) return PERCENT;
            return NONE;
        }

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ChartNumbers() {}

    static String readable(Number n, Unit unit, String lang) {
        if (n == null) return "–";
        BigDecimal v = new BigDecimal(n.toString());
        Locale locale = LocaleFilters.locale(lang);
        boolean es = lang.equals("es");
        BigDecimal abs = v.abs();
        String word = null;
        BigDecimal scaled = v;
        if (es) {
            if (abs.compareTo(BigDecimal.TEN.pow(12)) >= 0) {
                scaled = v.movePointLeft(12);
                word = "billones";
            } else if (abs.compareTo(BigDecimal.TEN.pow(6)) >= 0) {
                scaled = v.movePointLeft(6);
                word = "millones";
            }
        } else {
            String[] words = {"trillion", "billion", "million"};
            int[] powers = {12, 9, 6};
            for (int i = 0; i < words.length; i++) {
                if (abs.compareTo(BigDecimal.TEN.pow(powers[i])) >= 0) {
                    scaled = v.movePointLeft(powers[i]);
                    word = words[i];
                    break;
                }
            }
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        String text;
        if (word != null && !es) {
            text = f.format(scaled.round(new MathContext(3, RoundingMode.HALF_EVEN)));
        } else {
            f.setMaximumFractionDigits(1);
            text = f.format(scaled.setScale(1, RoundingMode.HALF_EVEN));
        }
        if (word != null && es && scaled.abs().setScale(1, RoundingMode.HALF_EVEN).compareTo(BigDecimal.ONE) == 0) {
            word = word.equals("millones") ? "millón" : "billón";
        }
        String out = word == null ? text : text + " " + word;
        return switch (unit) {
            case MONEY -> (out.startsWith("-") ? "-$" + out.substring(1) : "$" + out);
            case PERCENT -> out + (es ? " %" : "%");
            case NONE -> out;
        };
    }
}
