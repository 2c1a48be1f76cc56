package mx.zocalo.server.web;

import java.text.NumberFormat;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mx.zocalo.server.performance.Observation;
import mx.zocalo.server.performance.Period;
import mx.zocalo.server.performance.Status;

/**
 * How the performance pages write a measure's figures for a reader: numbers in the page's language, periods in words
 * ({@code 2014-03}: "mar. 2014" / "Mar 2014"; {@code --03}: "marzo" / "March"), the status as a badge of text and a
 * shape, the trend as an arrow with words, a sparkline as a small SVG drawn on the server, and a series in a sentence.
 */
final class PerformanceFigures {
    private PerformanceFigures() {}

    /** A value as the page writes it: thousands separated, at most one decimal (two below 10); a dash for none. */
    static String number(Double v, String lang) {
        if (v == null) return "—";
        NumberFormat f = NumberFormat.getNumberInstance(LocaleFilters.locale(lang));
        double a = Math.abs(v);
        f.setMaximumFractionDigits(a == Math.rint(a) ? 0 : a < 10 ? 2 : 1);
        return f.format(v);
    }

    /** A period in words for the page's language. */
    static String period(Period p, String lang) {
        if (p == null) return "";
        Locale locale = LocaleFilters.locale(lang);
        String label = p.label();
        if (label.startsWith("--")) return capital(Month.of(Integer.parseInt(label.substring(2))).getDisplayName(TextStyle.FULL_STANDALONE, locale), locale);
        if (label.matches("\\d{4}-Q[1-4]")) return (lang.equals("es") ? "T" : "Q") + label.charAt(6) + " " + label.substring(0, 4);
        if (label.matches("\\d{4}-\\d{2}")) {
            return capital(Month.of(Integer.parseInt(label.substring(5))).getDisplayName(TextStyle.SHORT_STANDALONE, locale), locale)
                    + " " + label.substring(0, 4);
        }
        return label;
    }

    /** English capitalises month names; Spanish writes them in lower case ("marzo"). */
    private static String capital(String s, Locale locale) {
        if (locale.getLanguage().equals("es")) return s.toLowerCase(locale);
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(locale) + s.substring(1);
    }

    /** A status badge: its word (the CSS class), its text in the page's language, the shape that tells it without colour. */
    record Badge(String word, String text, String shape) {}

    static Badge badge(Status s, Map<String, String> msg) {
        String shape = switch (s) {
            case ON_TRACK -> "<circle cx=\"8\" cy=\"8\" r=\"7\"/><path d=\"M4.5 8.2l2.3 2.3 4.7-4.8\" class=\"mark\"/>";
            case NEAR_TARGET -> "<path d=\"M8 1.2l7 13.3H1z\"/><path d=\"M8 5.5v4.2M8 11.6v.9\" class=\"mark\"/>";
            case OFF_TRACK -> "<rect x=\"1.5\" y=\"1.5\" width=\"13\" height=\"13\" rx=\"1.5\"/><path d=\"M5 5l6 6M11 5l-6 6\" class=\"mark\"/>";
            case NO_DATA, NO_TARGET -> "<circle cx=\"8\" cy=\"8\" r=\"6.5\" class=\"hollow\"/><path d=\"M5 8h6\" class=\"mark\"/>";
        };
        return new Badge(s.word(), msg.get("performance.status." + s.word()), shape);
    }

    /** The trend of a series: an arrow and the words a screen reader says for it. */
    record Trend(String arrow, String text) {}

    static Trend trend(int direction, Map<String, String> msg) {
        return switch (Integer.signum(direction)) {
            case 1 -> new Trend("↑", msg.get("performance.trend.up"));
            case -1 -> new Trend("↓", msg.get("performance.trend.down"));
            default -> new Trend("→", msg.get("performance.trend.flat"));
        };
    }

    /** The direction of the last change of a series: +1 up, -1 down, 0 equal or fewer than two values. */
    static int trend(List<Observation> series) {
        Double last = null;
        for (int i = series.size() - 1; i >= 0; i--) {
            Double v = series.get(i).value();
            if (v == null) continue;
            if (last == null) last = v;
            else return Double.compare(last, v);
        }
        return 0;
    }

    /** The latest observation with a value, or null. */
    static Observation latest(List<Observation> series) {
        for (int i = series.size() - 1; i >= 0; i--) if (series.get(i).hasValue()) return series.get(i);
        return null;
    }

    /**
     * A sparkline: the series as a line in a small SVG (120 × 32), gaps where a period has no value, the target as a
     * dashed line, the latest value as a dot. Decorative beside the figure it follows ({@code aria-hidden}).
     */
    static String sparkline(List<Observation> series, Double target) {
        final double w = 120, h = 32, pad = 3;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Observation o : series) if (o.hasValue()) { min = Math.min(min, o.value()); max = Math.max(max, o.value()); }
        if (min == Double.POSITIVE_INFINITY) return "";
        if (target != null) { min = Math.min(min, target); max = Math.max(max, target); }
        if (max == min) { max += 1; min -= 1; }
        double step = series.size() > 1 ? (w - 2 * pad) / (series.size() - 1) : 0;
        StringBuilder b = new StringBuilder("<svg class=\"sparkline\" viewBox=\"0 0 120 32\" width=\"120\" height=\"32\" aria-hidden=\"true\" focusable=\"false\">");
        if (target != null) {
            String y = fmt(h - pad - (target - min) / (max - min) * (h - 2 * pad));
            b.append("<line class=\"target\" x1=\"0\" x2=\"120\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
        }
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        String lastX = null, lastY = null;
        for (int i = 0; i < series.size(); i++) {
            Observation o = series.get(i);
            if (!o.hasValue()) { pen = false; continue; }
            lastX = fmt(series.size() > 1 ? pad + i * step : w / 2);
            lastY = fmt(h - pad - (o.value() - min) / (max - min) * (h - 2 * pad));
            path.append(pen ? "L" : "M").append(lastX).append(' ').append(lastY);
            pen = true;
        }
        b.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        b.append("<circle class=\"last\" cx=\"").append(lastX).append("\" cy=\"").append(lastY).append("\" r=\"2.5\"/></svg>");
        return b.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** The series in words: how many periods, from which to which, the latest, the highest and lowest, the gaps. */
    static String summary(List<Observation> series, String unit, Double target, String lang, Map<String, String> msg) {
        List<Observation> valued = new ArrayList<>();
        for (Observation o : series) if (o.hasValue()) valued.add(o);
        if (valued.isEmpty()) return msg.get("performance.summary.empty");
        Observation hi = valued.get(0), lo = valued.get(0);
        for (Observation o : valued) {
            if (o.value() > hi.value()) hi = o;
            if (o.value() < lo.value()) lo = o;
        }
        Observation last = valued.get(valued.size() - 1);
        String u = unit == null || unit.isBlank() ? "" : " " + unit;
        StringBuilder b = new StringBuilder(msg.get("performance.summary.periods").replace("{n}", String.valueOf(series.size()))
                .replace("{first}", period(series.get(0).period(), lang)).replace("{last}", period(series.get(series.size() - 1).period(), lang)));
        b.append(' ').append(msg.get("performance.summary.latest").replace("{value}", number(last.value(), lang) + u)
                .replace("{period}", period(last.period(), lang)).replace("{status}", msg.get("performance.status." + last.status().word())));
        if (valued.size() > 1) {
            b.append(' ').append(msg.get("performance.summary.range").replace("{max}", number(hi.value(), lang) + u)
                    .replace("{maxPeriod}", period(hi.period(), lang)).replace("{min}", number(lo.value(), lang) + u)
                    .replace("{minPeriod}", period(lo.period(), lang)));
        }
        if (target != null) b.append(' ').append(msg.get("performance.summary.target").replace("{target}", number(target, lang) + u));
        int missing = series.size() - valued.size();
        if (missing > 0) b.append(' ').append(msg.get("performance.summary.missing").replace("{n}", String.valueOf(missing)));
        return b.toString();
    }
}
