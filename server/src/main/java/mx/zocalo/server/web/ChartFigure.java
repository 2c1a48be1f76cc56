package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;

/**
 * What a chart draws, made from the explorer's answer to its view (every group, or for a scatter the rows): the
 * categories and series of bars, lines and pies, the tree of a treemap, the points of a scatter, as plain values that
 * {@code site/static/chart.js} reads (the {@link #spec()}) and that the page's summary and data table are written from.
 * Bars and slices are ordered largest first unless the view is sorted; time lines have one point per period from the
 * first to the last, {@code null} where a period has no data, so that the line breaks there.
 */
final class ChartFigure {
    /** Bars drawn at most (the largest); the table behind the chart has them all. */
    static final int MAX_CATEGORIES = 60;
    /** Series (stacks, lines) drawn at most. */
    static final int MAX_SERIES = 10;
    /** Points of a scatter at most. */
    static final int MAX_POINTS = 5000;
    /** Periods a time axis is filled with at most (beyond, missing periods are not marked). */
    private static final int MAX_PERIODS = 5000;

    /** A named series of values, one per category (or period), {@code null} where there is none. */
    record Series(String name, List<BigDecimal> values) {
        BigDecimal total() {
            return values.stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** A point of a scatter: x (a number, or a date as ISO text), y, and the row's name. */
    record Point(Object x, BigDecimal y, String name) {}

    /** What is drawn: the type asked for, or bars turned horizontal for long labels. */
    ChartType type;
    final List<String> categories = new ArrayList<>();
    final List<Series> series = new ArrayList<>();
    final List<Point> points = new ArrayList<>();
    /** For a line over dates: {@code year}, {@code month}, {@code day} or {@code instant}; else {@code null}. */
    String period;
    /** Categories (or series) left out of the drawing; 0 when all are drawn. */
    int leftOut;
    int seriesLeftOut;
    /** Parts of a pie or treemap not drawn because they are negative or empty. */
    int dropped;

    private ChartFigure(ChartType type) {
        this.type = type;
    }

    /** The figure of grouped rows: {@code measure} is the index of the number drawn, {@code sorted} whether the view has an order. */
    static ChartFigure grouped(ChartType type, List<Column> groups, RowResult r, int measure, boolean sorted, java.util.Locale locale,
                               Map<String, String> msg) {
        ChartFigure f = new ChartFigure(type);
        // dates stay in their order whatever the chart; other categories go largest first unless the view is sorted
        boolean dates = groups.get(0).type().kind() == mx.zocalo.server.table.ColumnType.Kind.DATE;
        boolean time = type == ChartType.LINE && dates;
        boolean byValue = !sorted && !dates && type != ChartType.LINE;
        List<Row> rows = r.rows();
        if (groups.size() == 1) {
            List<Row> ordered = new ArrayList<>(rows);
            if (byValue) ordered.sort(Comparator.comparing((Row row) -> number(row.values().get(measure)),
                    Comparator.nullsLast(Comparator.reverseOrder())));
            else if (dates && !sorted) ordered.sort(Comparator.comparing((Row row) -> String.valueOf(timeKey(row.values().get(0)))));
            List<BigDecimal> values = new ArrayList<>();
            for (Row row : ordered) {
                f.categories.add(time ? timeKey(row.values().get(0)) : text(row.values().get(0), locale, msg));
                values.add(number(row.values().get(measure)));
            }
            f.series.add(new Series(null, values));
        } else {
            Map<String, Map<String, BigDecimal>> bySeries = new LinkedHashMap<>();
            Map<String, BigDecimal> categoryTotals = new LinkedHashMap<>();
            for (Row row : rows) {
                String c = time ? timeKey(row.values().get(0)) : text(row.values().get(0), locale, msg);
                String s = text(row.values().get(1), locale, msg);
                BigDecimal v = number(row.values().get(measure));
                bySeries.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(c, v);
                categoryTotals.merge(c, v == null ? BigDecimal.ZERO : v.abs(), BigDecimal::add);
            }
            List<String> cats = new ArrayList<>(categoryTotals.keySet());
            if (byValue) cats.sort(Comparator.comparing(categoryTotals::get, Comparator.reverseOrder()));
            else if (dates && !sorted) cats.sort(Comparator.naturalOrder()); // ISO text: in time order
            f.categories.addAll(cats);
            for (Map.Entry<String, Map<String, BigDecimal>> e : bySeries.entrySet()) {
                List<BigDecimal> values = new ArrayList<>();
                for (String c : cats) values.add(e.getValue().get(c));
                f.series.add(new Series(e.getKey(), values));
            }
            f.series.sort(Comparator.comparing((Series s) -> s.values().stream().filter(v -> v != null).map(BigDecimal::abs)
                    .reduce(BigDecimal.ZERO, BigDecimal::add), Comparator.reverseOrder()));
        }
        if (time) f.fillPeriods(groups.get(0));
        if (type == ChartType.PIE || type == ChartType.DONUT || type == ChartType.TREEMAP) {
            // with two groups a missing pair is no part at all; a group without a value, or with zero or less, is one left out
            boolean pairs = groups.size() > 1;
            for (Series s : f.series) for (BigDecimal v : s.values()) if (v == null ? !pairs : v.signum() <= 0) f.dropped++;
        }
        if (!time && type != ChartType.TREEMAP && f.categories.size() > MAX_CATEGORIES && !type.slices()) {
            f.leftOut = f.categories.size() - MAX_CATEGORIES;
            f.categories.subList(MAX_CATEGORIES, f.categories.size()).clear();
            f.series.replaceAll(s -> new Series(s.name(), new ArrayList<>(s.values().subList(0, MAX_CATEGORIES))));
        }
        if (f.series.size() > MAX_SERIES && type != ChartType.TREEMAP) {
            f.seriesLeftOut = f.series.size() - MAX_SERIES;
            f.series.subList(MAX_SERIES, f.series.size()).clear();
        }
        return f;
    }

    /** The figure of a scatter: rows of {@code [name?], x, y}. */
    static ChartFigure scatter(RowResult r, boolean named) {
        ChartFigure f = new ChartFigure(ChartType.SCATTER);
        int xi = named ? 1 : 0;
        for (Row row : r.rows()) {
            Object x = row.values().get(xi);
            BigDecimal y = number(row.values().get(xi + 1));
            if (x == null || y == null) continue;
            Object xv = x instanceof Number n ? number(n) : timeKey(x);
            f.points.add(new Point(xv, y, named && row.values().get(0) != null ? String.valueOf(row.values().get(0)) : null));
        }
        if (!r.rows().isEmpty() && !(r.rows().get(0).values().get(xi) instanceof Number)) f.period = "day";
        return f;
    }

    /** The values {@code chart.js} draws. */
    Map<String, Object> spec() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", type.param());
        if (period != null) s.put("period", period);
        if (type == ChartType.SCATTER) {
            s.put("points", points.stream().map(p -> p.name() == null ? List.of(p.x(), p.y()) : List.of(p.x(), p.y(), p.name())).toList());
            return s;
        }
        if (type == ChartType.TREEMAP) {
            s.put("tree", tree());
            return s;
        }
        s.put("categories", categories);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Series x : series) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", x.name());
            m.put("values", x.values());
            out.add(m);
        }
        s.put("series", out);
        return s;
    }

    /** A treemap's nodes: one level per group, positive values only. */
    private List<Map<String, Object>> tree() {
        List<Map<String, Object>> top = new ArrayList<>();
        if (series.size() == 1 && series.get(0).name() == null) {
            for (int i = 0; i < categories.size(); i++) {
                BigDecimal v = series.get(0).values().get(i);
                if (v != null && v.signum() > 0) top.add(Map.of("name", categories.get(i), "value", v));
            }
            return top;
        }
        for (int i = 0; i < categories.size(); i++) {
            List<Map<String, Object>> children = new ArrayList<>();
            for (Series s : series) {
                BigDecimal v = s.values().get(i);
                if (v != null && v.signum() > 0) children.add(Map.of("name", s.name(), "value", v));
            }
            if (!children.isEmpty()) top.add(Map.of("name", categories.get(i), "children", children));
        }
        return top;
    }

    /** Puts every period from the first to the last on the axis, {@code null} where the data has none. */
    private void fillPeriods(Column c) {
        period = switch (c.type()) {
            case GYEAR -> "year";
            case GYEARMONTH -> "month";
            case DATE -> "day";
            default -> "instant";
        };
        if (period.equals("instant") || categories.isEmpty()) return;
        List<String> present = new ArrayList<>(categories);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) order.add(i);
        order.sort(Comparator.comparing(present::get));
        LocalDate first = LocalDate.parse(present.get(order.get(0)));
        LocalDate last = LocalDate.parse(present.get(order.get(order.size() - 1)));
        List<String> all = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last) && all.size() <= MAX_PERIODS; d = step(d)) all.add(d.toString());
        if (all.size() > MAX_PERIODS) all = order.stream().map(present::get).toList();
        List<Series> filled = new ArrayList<>();
        for (Series s : series) {
            Map<String, BigDecimal> byKey = new LinkedHashMap<>();
            for (int i = 0; i < present.size(); i++) byKey.put(present.get(i), s.values().get(i));
            List<BigDecimal> values = new ArrayList<>();
            for (String k : all) values.add(byKey.get(k));
            filled.add(new Series(s.name(), values));
        }
        categories.clear();
        categories.addAll(all);
        series.clear();
        series.addAll(filled);
    }

    private LocalDate step(LocalDate d) {
        return switch (period) {
            case "year" -> d.plusYears(1);
            case "month" -> d.plusMonths(1);
            default -> d.plusDays(1);
        };
    }

    /** Periods without data on a filled time axis (every series empty there). */
    int missingPeriods() {
        if (period == null || type != ChartType.LINE) return 0;
        int n = 0;
        for (int i = 0; i < categories.size(); i++) {
            final int k = i;
            if (series.stream().allMatch(s -> s.values().get(k) == null)) n++;
        }
        return n;
    }

    static String timeKey(Object v) {
        if (v instanceof Year y) return String.format("%04d-01-01", y.getValue());
        if (v instanceof YearMonth m) return m + "-01";
        return v == null ? null : v.toString();
    }

    /** A category as the reader reads it (a month without a year by its name, {@link MonthNames}). */
    static String text(Object v, java.util.Locale locale, Map<String, String> msg) {
        if (v == null) return msg.get("chart.noValue");
        if (v instanceof Link l) return l.label() != null ? l.label() : l.iri();
        if (v instanceof Boolean b) return msg.getOrDefault("explore." + b, b.toString());
        if (v instanceof BigDecimal d) return d.toPlainString();
        return MonthNames.text(v.toString(), locale);
    }

    static BigDecimal number(Object v) {
        if (v == null) return null;
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Number n) return new BigDecimal(n.toString());
        try {
            return new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
