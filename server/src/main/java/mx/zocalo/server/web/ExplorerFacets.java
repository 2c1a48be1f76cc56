package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.TableService;

/**
 * The "one of several values" filters of the explorer: for a column with few distinct values (at most
 * {@value #MAX_VALUES} in the whole table), its values with how many rows have each under the view's other filters.
 * Only columns where that is cheap to ask and likely to help are considered: single-valued text, labelled links,
 * booleans, years and months (not numbers, mostly counts and amounts with many values; not the rows' own names); at
 * most {@value #MAX_COLUMNS} of them. The whole-table answer that
 * decides whether a column qualifies is kept by {@link TableService} per data version, so it is computed once.
 */
final class ExplorerFacets {
    static final int MAX_VALUES = 40;
    static final int MAX_COLUMNS = 8;

    /** A value of a column, what it is shown as, how many rows have it, and whether the view keeps only such rows. */
    record Value(String value, long count, boolean checked) {}

    /** The values of one column: the first ones shown at once, the rest folded. */
    record Facet(List<Value> first, List<Value> more) {}

    private final TableService tables;

    ExplorerFacets(TableService tables) {
        this.tables = tables;
    }

    /** The facets of the view's table, by column name. */
    Map<String, Facet> of(String slug, ExplorerRequest view) {
        Map<String, Facet> out = new LinkedHashMap<>();
        int considered = 0;
        for (Column c : view.table.columns()) {
            if (!candidate(c)) continue;
            if (++considered > MAX_COLUMNS) break;
            RowResult whole = tables.query(slug, view.facetQuery(c, false, MAX_VALUES + 1));
            if (whole.total() > MAX_VALUES) continue;
            RowResult counted = view.filteredBesides(c) ? tables.query(slug, view.facetQuery(c, true, MAX_VALUES + 1)) : whole;
            List<String> checked = view.filters.containsKey("eq." + c.name()) ? view.filters.get("eq." + c.name()).values() : List.of();
            List<Value> values = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Row row : counted.rows()) {
                String value = text(row.values().get(0));
                if (value == null) continue;
                seen.add(value);
                values.add(new Value(value, ((Number) row.values().get(1)).longValue(), checked.contains(value)));
            }
            for (String v : checked) if (!seen.contains(v)) values.add(new Value(v, 0, true));
            int cut = values.size() <= 10 ? values.size() : 8;
            List<Value> first = new ArrayList<>(values.subList(0, cut));
            List<Value> more = new ArrayList<>();
            for (Value v : values.subList(cut, values.size())) (v.checked() ? first : more).add(v); // ticked ones in sight
            out.put(c.name(), new Facet(first, more));
        }
        return out;
    }

    static boolean candidate(Column c) {
        if (c.multiValued() || c.name().equals("label")) return false;
        return switch (c.type()) {
            case TEXT, BOOLEAN, GYEAR, GYEARMONTH -> true; // not numbers: counts, amounts, mostly with many values
            case LINK -> c.hasLabel();
            default -> false;
        };
    }

    /** A value as the {@code eq.} filter takes it: a link by its label, numbers and dates as written in ISO. */
    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof Link l) return l.label();
        if (v instanceof java.math.BigDecimal d) return d.toPlainString();
        return v.toString();
    }
}
