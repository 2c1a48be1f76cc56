package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;

/**
 * A grouped answer of the explorer (one group column whose values are places, a count or an aggregate) as a
 * choropleth: the level drawn (states or municipalities: the level most of the values are at), each place of that
 * level with its value and its class (quantiles, at most 5, on the distinct values), the legend, and what is left
 * off the map (groups without a place, or places of the other level, such as the state's row of totals).
 */
final class Choropleth {
    /** Five steps of the viridis palette, light to dark: sequential and readable with any colour vision. */
    static final List<String> COLOURS = List.of("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154");
    static final String NO_DATA = "#d9d9d9";
    static final int CLASSES = 5;

    /** A place on the map: code (the region's name in the GeoJSON), name, page, value (null: no data), class (-1: none). */
    record Area(String code, String name, String href, Number value, String valueText, String raw, int cls, String colour) {}

    /** A class of the legend: its colour, bounds as written for the reader, how many places it holds. */
    record LegendClass(String colour, String from, String to, int places) {}

    /** A group the map does not show: its label and value. */
    record Left(String label, String valueText) {}

    final String level;
    final List<Area> areas;
    final List<LegendClass> legend;
    final int noData;
    /** How many classes the values were split in (the legend leaves out a class no place falls in). */
    final int classes;
    final List<Left> left;
    final Area highest;
    final Area lowest;

    private Choropleth(String level, List<Area> areas, List<LegendClass> legend, int noData, List<Left> left) {
        this.level = level;
        this.areas = areas;
        this.legend = legend;
        this.noData = noData;
        this.classes = (int) areas.stream().mapToInt(Area::cls).max().orElse(-1) + 1;
        this.left = left;
        List<Area> valued = areas.stream().filter(a -> a.value() != null).toList();
        this.highest = valued.isEmpty() ? null : valued.get(0);
        this.lowest = valued.isEmpty() ? null : valued.get(valued.size() - 1);
    }

    /**
     * The choropleth of {@code r} (its first column the place, {@code valueColumn} the value), or {@code null} when no
     * group is a place.
     */
    static Choropleth of(RowResult r, int valueColumn, Map<String, Places.Place> places, UnaryOperator<String> link, Locale locale) {
        Map<String, Number> values = new LinkedHashMap<>();
        Map<String, Integer> levels = new LinkedHashMap<>();
        List<Row> notPlaces = new ArrayList<>();
        for (Row row : r.rows()) {
            Object g = row.values().get(0);
            Places.Place p = g instanceof Link l ? places.get(l.iri()) : null;
            if (p == null) {
                notPlaces.add(row);
                continue;
            }
            Object v = row.values().get(valueColumn);
            values.put(p.iri(), v instanceof Number n ? n : null);
            levels.merge(p.level(), 1, Integer::sum);
        }
        if (levels.isEmpty()) return null;
        String level = levels.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<Left> left = new ArrayList<>();
        int digits = digits(r, valueColumn);
        for (Row row : notPlaces) {
            Object g = row.values().get(0);
            String label = g instanceof Link l ? (l.label() != null ? l.label() : l.iri()) : g == null ? null : g.toString();
            left.add(new Left(label, text(row.values().get(valueColumn), locale, digits)));
        }
        double[] breaks = breaks(values.entrySet().stream().filter(e -> e.getValue() != null && places.get(e.getKey()).level().equals(level))
                .map(e -> e.getValue().doubleValue()).toList());
        List<Area> areas = new ArrayList<>();
        int[] counts = new int[breaks.length == 0 ? 0 : breaks.length - 1];
        int noData = 0;
        for (Places.Place p : places.values()) {
            if (!p.level().equals(level)) {
                if (values.containsKey(p.iri())) left.add(new Left(p.label(), text(values.get(p.iri()), locale, digits)));
                continue;
            }
            Number v = values.get(p.iri());
            int cls = v == null ? -1 : classOf(v.doubleValue(), breaks);
            if (cls < 0) noData++;
            else counts[cls]++;
            areas.add(new Area(p.code(), p.label(), link.apply(p.iri()), v, v == null ? null : text(v, locale, digits),
                    v == null ? null : raw(v), cls, cls < 0 ? NO_DATA : colour(cls, counts.length)));
        }
        areas.sort(Comparator.comparing((Area a) -> a.value() == null).thenComparing(
                (Area a) -> a.value() == null ? 0 : -a.value().doubleValue()).thenComparing(Area::name));
        // each class's bounds are the least and greatest values it holds: they never overlap
        double[] min = new double[counts.length];
        double[] max = new double[counts.length];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (Area a : areas) {
            if (a.cls() < 0) continue;
            min[a.cls()] = Math.min(min[a.cls()], a.value().doubleValue());
            max[a.cls()] = Math.max(max[a.cls()], a.value().doubleValue());
        }
        List<LegendClass> legend = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            legend.add(new LegendClass(colour(i, counts.length), text(min[i], locale, digits), text(max[i], locale, digits), counts[i]));
        }
        return new Choropleth(level, areas, legend, noData, left);
    }

    /** The colour of class {@code i} of {@code n}: spread over the palette so that two classes are far apart. */
    static String colour(int i, int n) {
        if (n <= 1) return COLOURS.get(2);
        return COLOURS.get(Math.round(i * (COLOURS.size() - 1) / (float) (n - 1)));
    }

    /**
     * Class bounds by quantiles of the distinct values: {@code k + 1} increasing bounds for {@code k} classes (at most
     * {@link #CLASSES}, fewer when there are fewer distinct values); the first is the least value, the last the greatest.
     */
    static double[] breaks(List<Double> values) {
        TreeSet<Double> distinct = new TreeSet<>(values);
        if (distinct.isEmpty()) return new double[0];
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        if (distinct.size() <= CLASSES) {
            // as many classes as values: each value its own class (the last bound repeated closes the last class)
            double[] b = new double[distinct.size() + 1];
            int i = 0;
            for (double v : distinct) b[i++] = v;
            b[i] = b[i - 1];
            return b;
        }
        int k = CLASSES;
        TreeSet<Double> bounds = new TreeSet<>();
        bounds.add(sorted.get(0));
        for (int i = 1; i < k; i++) {
            bounds.add(sorted.get((int) Math.floor(i * (sorted.size() - 1) / (double) k)));
        }
        bounds.add(sorted.get(sorted.size() - 1));
        return bounds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The class of {@code v}: the last whose lower bound is at most {@code v} (the last class holds its upper bound). */
    static int classOf(double v, double[] breaks) {
        if (breaks.length < 2) return breaks.length == 0 ? -1 : 0;
        for (int i = breaks.length - 2; i >= 0; i--) if (v >= breaks[i]) return i;
        return 0;
    }

    private static int digits(RowResult r, int column) {
        int d = 0;
        for (Row row : r.rows()) {
            Object v = row.values().get(column);
            if (v instanceof BigDecimal b) d = Math.max(d, Math.max(0, b.stripTrailingZeros().scale()));
            else if (v instanceof Double) d = 7;
        }
        return d > 6 ? 2 : d;
    }

    private static String text(Object v, Locale locale, int digits) {
        if (!(v instanceof Number n)) return v == null ? "" : v.toString();
        if (n instanceof Double x && x == Math.rint(x) && digits == 0) return ExplorerModel.number(Math.round(x), locale, 0);
        return ExplorerModel.number(n, locale, digits);
    }

    private static String raw(Number v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }
}
