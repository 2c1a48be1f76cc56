package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;

/**
 * The numbers of the story page's three panels, from the grouped answers of {@link mx.zocalo.server.table.TableService}
 * (columns: the groups, {@code count}, then the aggregate): the parts of a whole and their parts (share), the plan against
 * the reality per part (change), and each part over the periods (trend). Each with a one-paragraph summary and the rows of
 * its data table, written for the reader's language.
 */
final class StoryPanels {
    private StoryPanels() {}

    /** A part of the whole: its name, its amount, and its own parts (for the treemap's drill-down). */
    record Part(String name, BigDecimal value, List<Part> children) {}

    /** One row of a panel's data table: the cells as shown, and the number behind each amount ({@code data value}). */
    record TableRow(List<String> cells, List<String> values) {}

    record Share(BigDecimal total, List<Part> parts, List<TableRow> table, String summary) {}

    record Change(String planned, String actual, List<Item> items, List<TableRow> table, String summary) {
        /** A part's planned and actual amounts, and the difference in percent of the plan ({@code null}: no plan). */
        record Item(String name, BigDecimal planned, BigDecimal actual, BigDecimal difference, Double percent) {}
    }

    record Trend(List<String> periods, List<Series> series, List<BigDecimal> totals, List<TableRow> table, String summary) {
        record Series(String name, List<BigDecimal> values) {}
    }

    static Share share(RowResult r, String lang, Map<String, String> msg, String choice) {
        boolean two = r.columns().size() > 3;
        int amount = r.columns().size() - 1;
        Map<String, List<Part>> byParent = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Row row : r.rows()) {
            BigDecimal v = number(row.values().get(amount));
            if (v == null) continue;
            total = total.add(v);
            String parent = text(row.values().get(0));
            String name = two ? text(row.values().get(1)) : parent;
            byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(new Part(name, v, List.of()));
        }
        List<Part> parts = new ArrayList<>();
        byParent.forEach((parent, children) -> {
            children.sort(Comparator.comparing(Part::value).reversed());
            BigDecimal sum = children.stream().map(Part::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            parts.add(new Part(parent, sum, two ? children : List.of()));
        });
        parts.sort(Comparator.comparing(Part::value).reversed());
        List<TableRow> table = new ArrayList<>();
        Part largest = null;
        for (Part p : parts) {
            for (Part c : two ? p.children() : List.of(p)) {
                if (largest == null || c.value().compareTo(largest.value()) > 0) largest = c;
                table.add(new TableRow(two ? List.of(p.name(), c.name(), Amounts.money(c.value(), lang), Amounts.percent(pct(c.value(), total), lang))
                        : List.of(c.name(), Amounts.money(c.value(), lang), Amounts.percent(pct(c.value(), total), lang)),
                        two ? List.of("", "", c.value().toPlainString(), "") : List.of("", c.value().toPlainString(), "")));
            }
        }
        String summary = parts.isEmpty() ? msg.get("story.noData") : fill(msg.get("story.share.summary"), vars(
                "choice", choice, "total", Amounts.money(total, lang),
                "largest", largest.name(), "largestAmount", Amounts.money(largest.value(), lang),
                "largestShare", Amounts.percent(pct(largest.value(), total), lang),
                "top", parts.get(0).name(), "topShare", Amounts.percent(pct(parts.get(0).value(), total), lang),
                "parts", String.valueOf(table.size())));
        return new Share(total, parts, table, summary);
    }

    /** {@code planned} and {@code actual}: the two values of the second group column that are the plan and the reality. */
    static Change change(RowResult r, String planned, String actual, List<String> labels, String lang, Map<String, String> msg, String choice) {
        int amount = r.columns().size() - 1;
        Map<String, BigDecimal[]> byPart = new LinkedHashMap<>();
        for (Row row : r.rows()) {
            String stage = text(row.values().get(1));
            int slot = stage.equals(planned) ? 0 : stage.equals(actual) ? 1 : -1;
            BigDecimal v = number(row.values().get(amount));
            if (slot < 0 || v == null) continue;
            BigDecimal[] pair = byPart.computeIfAbsent(text(row.values().get(0)), k -> new BigDecimal[2]);
            pair[slot] = pair[slot] == null ? v : pair[slot].add(v);
        }
        List<Change.Item> items = new ArrayList<>();
        BigDecimal plannedTotal = BigDecimal.ZERO;
        BigDecimal actualTotal = BigDecimal.ZERO;
        for (var e : byPart.entrySet()) {
            BigDecimal p = e.getValue()[0] == null ? BigDecimal.ZERO : e.getValue()[0];
            BigDecimal a = e.getValue()[1] == null ? BigDecimal.ZERO : e.getValue()[1];
            plannedTotal = plannedTotal.add(p);
            actualTotal = actualTotal.add(a);
            items.add(new Change.Item(e.getKey(), p, a, a.subtract(p), p.signum() == 0 ? null : pct(a.subtract(p), p)));
        }
        items.sort(Comparator.comparing(Change.Item::difference).reversed());
        List<TableRow> table = new ArrayList<>();
        for (Change.Item i : items) {
            table.add(new TableRow(List.of(i.name(), Amounts.money(i.planned(), lang), Amounts.money(i.actual(), lang),
                    Amounts.money(i.difference(), lang), i.percent() == null ? "—" : Amounts.change(i.percent(), lang)),
                    List.of("", i.planned().toPlainString(), i.actual().toPlainString(), i.difference().toPlainString(),
                            i.percent() == null ? "" : String.valueOf(i.percent()))));
        }
        String summary;
        if (items.isEmpty()) {
            summary = msg.get("story.noData");
        } else {
            Change.Item over = items.get(0);
            Change.Item under = items.get(items.size() - 1);
            BigDecimal diff = actualTotal.subtract(plannedTotal);
            summary = fill(msg.get("story.change.summary"), vars("choice", choice,
                    "planned", labels.get(0), "actual", labels.get(1),
                    "plannedTotal", Amounts.money(plannedTotal, lang), "actualTotal", Amounts.money(actualTotal, lang),
                    "difference", Amounts.money(diff, lang),
                    "percent", plannedTotal.signum() == 0 ? "—" : Amounts.change(pct(diff, plannedTotal), lang),
                    "over", over.name(), "overAmount", Amounts.money(over.difference(), lang),
                    "under", under.name(), "underAmount", Amounts.money(under.difference(), lang)));
        }
        return new Change(planned, actual, items, table, summary);
    }

    static Trend trend(RowResult r, String lang, Map<String, String> msg, String choice) {
        int amount = r.columns().size() - 1;
        TreeSet<String> periods = new TreeSet<>();
        Map<String, Map<String, BigDecimal>> byPart = new LinkedHashMap<>();
        for (Row row : r.rows()) {
            BigDecimal v = number(row.values().get(amount));
            if (v == null) continue;
            String period = text(row.values().get(1));
            periods.add(period);
            byPart.computeIfAbsent(text(row.values().get(0)), k -> new LinkedHashMap<>()).merge(period, v, BigDecimal::add);
        }
        List<String> ps = new ArrayList<>(periods);
        List<Trend.Series> series = new ArrayList<>();
        BigDecimal[] totals = new BigDecimal[ps.size()];
        java.util.Arrays.fill(totals, BigDecimal.ZERO);
        byPart.forEach((name, values) -> {
            List<BigDecimal> vs = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                BigDecimal v = values.get(ps.get(i));
                vs.add(v);
                if (v != null) totals[i] = totals[i].add(v);
            }
            series.add(new Trend.Series(name, vs));
        });
        // the largest in the last period first
        int last = ps.size() - 1;
        series.sort(Comparator.comparing((Trend.Series s) -> last < 0 || s.values().get(last) == null ? BigDecimal.ZERO : s.values().get(last)).reversed());
        List<TableRow> table = new ArrayList<>();
        for (Trend.Series s : series) {
            List<String> cells = new ArrayList<>(List.of(s.name()));
            List<String> values = new ArrayList<>(List.of(""));
            for (BigDecimal v : s.values()) {
                cells.add(v == null ? "—" : Amounts.money(v, lang));
                values.add(v == null ? "" : v.toPlainString());
            }
            table.add(new TableRow(cells, values));
        }
        String summary;
        if (ps.size() < 2) {
            summary = msg.get("story.noData");
        } else {
            BigDecimal first = totals[0];
            BigDecimal end = totals[last];
            Trend.Series top = series.get(0);
            summary = fill(msg.get("story.trend.summary"), vars("choice", choice,
                    "from", ps.get(0), "to", ps.get(last), "first", Amounts.money(first, lang), "last", Amounts.money(end, lang),
                    "percent", first.signum() == 0 ? "—" : Amounts.change(pct(end.subtract(first), first), lang),
                    "top", top.name(), "topAmount", Amounts.money(top.values().get(last), lang)));
        }
        return new Trend(ps, series, List.of(totals), table, summary);
    }

    static double pct(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? 0 : part.multiply(BigDecimal.valueOf(100)).divide(whole, MathContext.DECIMAL64).doubleValue();
    }

    /** A group value as text: a link's label, a year, a text. */
    static String text(Object v) {
        if (v == null) return "—";
        if (v instanceof Link l) return l.label() != null ? l.label() : l.iri();
        return v.toString();
    }

    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Double d) return BigDecimal.valueOf(d);
        if (v instanceof Number n) return new BigDecimal(n.toString());
        return null;
    }

    private static Map<String, String> vars(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    static String fill(String text, Map<String, String> values) {
        String out = text == null ? "" : text;
        for (var e : values.entrySet()) out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        return out;
    }
}
