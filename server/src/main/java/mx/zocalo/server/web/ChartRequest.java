package mx.zocalo.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.Table;

/**
 * A chart's state, read from its URL: the explorer's own parameters ({@link ExplorerRequest}: filters, search, groups,
 * aggregate, sort; {@code page} and {@code size} are left out, a chart shows every group) plus {@code type} (one of
 * {@link ChartType}; none: chosen from the columns, {@link #type()}) and, for a scatter of rows, {@code x} and
 * {@code y} (number columns; {@code x} may be a date).
 */
final class ChartRequest {
    private static final Set<String> OWN = Set.of("type", "x", "y");
    private static final Set<String> PAGING = Set.of("page", "size");

    final ExplorerRequest view;
    final ChartType asked;
    final Column x;
    final Column y;

    private ChartRequest(ExplorerRequest view, ChartType asked, Column x, Column y) {
        this.view = view;
        this.asked = asked;
        this.x = x;
        this.y = y;
    }

    static ChartRequest of(Table table, boolean main, Map<String, List<String>> params) {
        Map<String, List<String>> explorer = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!OWN.contains(k) && !PAGING.contains(k)) explorer.put(k, v);
        });
        ExplorerRequest view = ExplorerRequest.of(table, main, explorer);
        String t = one(params, "type");
        ChartType asked = null;
        if (t != null) {
            asked = ChartType.of(t);
            if (asked == null) {
                throw ExplorerRequest.bad("explore.error.choice", "type", Map.of("value", t, "choices", String.join(", ", ChartType.names())));
            }
        }
        Column x = axis(table, params, "x", true);
        Column y = axis(table, params, "y", false);
        ChartRequest r = new ChartRequest(view, asked, x, y);
        r.check();
        return r;
    }

    /** The type drawn: the one asked for, else a line for a date, stacked bars for two groups, bars, or a scatter. */
    ChartType type() {
        if (asked != null) return asked;
        if (!view.grouped()) return ChartType.SCATTER;
        return ChartLinks.chosenType(view);
    }

    /** Whether the type was chosen from the columns (then bars may still turn horizontal for long labels). */
    boolean chosen() {
        return asked == null;
    }

    private void check() {
        ChartType t = type();
        if (t == ChartType.SCATTER) {
            if (view.grouped()) throw ExplorerRequest.bad("chart.error.scatter-groups", "type", Map.of());
            if (x == null || y == null) {
                throw ExplorerRequest.bad("chart.error.scatter-axes", x == null ? "x" : "y", Map.of("columns", numberColumns(view.table)));
            }
        } else if (!view.grouped()) {
            throw ExplorerRequest.bad("chart.error.needs-group", "group", Map.of("type", t.param()));
        }
    }

    /** The view's parameters and the chart's own: the permalink's query (no page, no size, no defaults). */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> p = view.parameters();
        p.remove("page");
        p.remove("size");
        if (asked != null) p.put("type", List.of(asked.param()));
        if (x != null) p.put("x", List.of(x.name()));
        if (y != null) p.put("y", List.of(y.name()));
        return p;
    }

    /** The explorer's own parameters of this view (no page, no size): for its table and its CSV. */
    Map<String, List<String>> explorerParameters() {
        Map<String, List<String>> p = view.parameters();
        p.remove("page");
        p.remove("size");
        if (!view.grouped() && x != null && y != null) {
            List<String> show = new java.util.ArrayList<>();
            view.table.column("label").ifPresent(c -> show.add(c.name()));
            if (!show.contains(x.name())) show.add(x.name());
            if (!show.contains(y.name())) show.add(y.name());
            p.put("show", show);
        }
        return p;
    }

    private static Column axis(Table table, Map<String, List<String>> params, String name, boolean dates) {
        String v = one(params, name);
        if (v == null) return null;
        Column c = table.column(v.trim()).orElseThrow(() -> ExplorerRequest.bad("explore.error.no-column", name,
                Map.of("name", v, "columns", String.join(", ", table.columnNames()))));
        ColumnType.Kind k = c.type().kind();
        if (c.multiValued() || !(k == ColumnType.Kind.NUMBER || dates && k == ColumnType.Kind.DATE)) {
            throw ExplorerRequest.bad("explore.error.not-number-column", name, Map.of("name", c.name(), "columns", numberColumns(table)));
        }
        return c;
    }

    static String numberColumns(Table table) {
        return String.join(", ", table.columns().stream()
                .filter(c -> c.type().kind() == ColumnType.Kind.NUMBER && !c.multiValued()).map(Column::name).toList());
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> vs = params.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank()).toList();
        return vs.isEmpty() ? null : vs.get(vs.size() - 1).trim();
    }
}
