package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chart said in words, for those who do not see it and for the page without script: how many parts, the largest
 * and the smallest with their values, the total (of counts and sums), the periods a line covers and those missing,
 * the range of a scatter's points.
 */
final class ChartSummary {
    private ChartSummary() {}

    static String of(ChartFigure f, ChartNumbers.Unit unit, boolean additive, String xLabel, String yLabel, String lang, Map<String, String> msg) {
        if (f.type == ChartType.SCATTER) return scatter(f, unit, xLabel, yLabel, lang, msg);
        if (f.series.isEmpty() || f.categories.isEmpty()) return msg.get("chart.summary.empty");
        List<String> names = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        boolean multi = f.series.size() > 1 || f.series.get(0).name() != null;
        for (ChartFigure.Series s : f.series) {
            for (int i = 0; i < f.categories.size(); i++) {
                BigDecimal v = s.values().get(i);
                if (v == null) continue;
                String c = f.period != null ? period(f.categories.get(i), f.period, lang) : f.categories.get(i);
                names.add(multi ? c + " · " + s.name() : c);
                values.add(v);
            }
        }
        if (values.isEmpty()) return msg.get("chart.summary.empty");
        int max = 0;
        int min = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i).compareTo(values.get(max)) > 0) max = i;
            if (values.get(i).compareTo(values.get(min)) < 0) min = i;
        }
        StringBuilder b = new StringBuilder();
        if (f.period != null) {
            b.append(msg.get("chart.summary.periods").replace("{n}", count(f.categories.size(), lang))
                    .replace("{first}", period(f.categories.get(0), f.period, lang))
                    .replace("{last}", period(f.categories.get(f.categories.size() - 1), f.period, lang)));
            int missing = f.missingPeriods();
            if (missing > 0) b.append(' ').append(msg.get("chart.summary.missing").replace("{n}", count(missing, lang)));
        } else if (multi) {
            b.append(msg.get("chart.summary.grid").replace("{n}", count(f.categories.size(), lang)).replace("{m}", count(f.series.size(), lang)));
        } else {
            b.append(msg.get("chart.summary.parts").replace("{n}", count(f.categories.size(), lang)));
        }
        if (values.size() > 1 && values.get(max).compareTo(values.get(min)) == 0) {
            b.append(' ').append(msg.get("chart.summary.equal").replace("{value}", ChartNumbers.readable(values.get(max), unit, lang)));
        } else {
            appendExtremes(b, names, values, max, min, unit, lang, msg);
        }
        if (additive) {
            BigDecimal total = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            b.append(' ').append(msg.get("chart.summary.total").replace("{value}", ChartNumbers.readable(total, unit, lang)));
            if (f.type.slices() && total.signum() > 0 && values.get(max).compareTo(values.get(min)) != 0) {
                String share = ChartNumbers.readable(values.get(max).movePointRight(2).divide(total, 1, java.math.RoundingMode.HALF_EVEN),
                        ChartNumbers.Unit.PERCENT, lang);
                b.append(' ').append(msg.get("chart.summary.share").replace("{name}", names.get(max)).replace("{value}", share));
            }
        }
        return b.toString();
    }

    private static void appendExtremes(StringBuilder b, List<String> names, List<BigDecimal> values, int max, int min,
            ChartNumbers.Unit unit, String lang, Map<String, String> msg) {
        b.append(' ').append(msg.get("chart.summary.largest").replace("{name}", names.get(max))
                .replace("{value}", ChartNumbers.readable(values.get(max), unit, lang)));
        if (values.size() > 1) {
            b.append(' ').append(msg.get("chart.summary.smallest").replace("{name}", names.get(min))
                    .replace("{value}", ChartNumbers.readable(values.get(min), unit, lang)));
        }
    }

    private static String scatter(ChartFigure f, ChartNumbers.Unit unit, String xLabel, String yLabel, String lang, Map<String, String> msg) {
        if (f.points.isEmpty()) return msg.get("chart.summary.empty");
        Object xMin = null;
        Object xMax = null;
        BigDecimal yMin = null;
        BigDecimal yMax = null;
        for (ChartFigure.Point p : f.points) {
            if (xMin == null || compare(p.x(), xMin) < 0) xMin = p.x();
            if (xMax == null || compare(p.x(), xMax) > 0) xMax = p.x();
            if (yMin == null || p.y().compareTo(yMin) < 0) yMin = p.y();
            if (yMax == null || p.y().compareTo(yMax) > 0) yMax = p.y();
        }
        return msg.get("chart.summary.scatter").replace("{n}", count(f.points.size(), lang))
                .replace("{x}", xLabel).replace("{xmin}", x(xMin, lang)).replace("{xmax}", x(xMax, lang))
                .replace("{y}", yLabel).replace("{ymin}", ChartNumbers.readable(yMin, unit, lang))
                .replace("{ymax}", ChartNumbers.readable(yMax, unit, lang));
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static String x(Object v, String lang) {
        return v instanceof BigDecimal d ? ChartNumbers.readable(d, ChartNumbers.Unit.NONE, lang) : period(v.toString(), "day", lang);
    }

    static String count(long n, String lang) {
        return java.text.NumberFormat.getIntegerInstance(LocaleFilters.locale(lang)).format(n);
    }

    /** A period of a time axis as the reader says it: {@code 2014}, {@code marzo de 2014}, {@code 31 de marzo de 2014}. */
    static String period(String key, String period, String lang) {
        if (key == null || key.length() < 10) return String.valueOf(key);
        try {
            LocalDate d = LocalDate.parse(key.substring(0, 10));
            return switch (period) {
                case "year" -> String.valueOf(d.getYear());
                case "month" -> d.format(DateTimeFormatter.ofPattern(lang.equals("es") ? "MMMM 'de' yyyy" : "MMMM yyyy", LocaleFilters.locale(lang)));
                default -> d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LocaleFilters.locale(lang)));
            };
        } catch (java.time.format.DateTimeParseException e) {
            return key;
        }
    }
}
