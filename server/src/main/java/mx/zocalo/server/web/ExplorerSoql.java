package mx.zocalo.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mx.zocalo.server.table.Expr;
import mx.zocalo.server.table.RowQuery;

/**
 * A row query written back as the row API's SoQL parameters, so that the explorer can link each view to the same
 * query of {@code /api/datasets/{slug}/rows}: what a journalist copies into a program. Only the nodes the explorer
 * builds are written (columns, text, numbers, booleans, comparisons, AND, IN, LIKE, calls); text is quoted with
 * {@code ''} for a quote inside, so the API parses it back into the same tree.
 */
final class ExplorerSoql {
    private ExplorerSoql() {}

    /** The parameters ({@code $select}, {@code $where}, ...) of {@code q}, those it leaves empty left out. */
    static Map<String, List<String>> parameters(RowQuery q) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (q.table() != null) p.put("class", List.of(q.table()));
        if (!q.select().isEmpty()) {
            p.put("$select", List.of(q.select().stream()
                    .map(s -> write(s.expr()) + (s.alias() == null ? "" : " AS " + s.alias())).collect(Collectors.joining(", "))));
        }
        if (q.where() != null) p.put("$where", List.of(write(q.where())));
        if (!q.group().isEmpty()) p.put("$group", List.of(q.group().stream().map(ExplorerSoql::write).collect(Collectors.joining(", "))));
        if (!q.order().isEmpty()) {
            p.put("$order", List.of(q.order().stream().map(o -> write(o.expr()) + (o.descending() ? " DESC" : ""))
                    .collect(Collectors.joining(", "))));
        }
        if (q.search() != null) p.put("$q", List.of(q.search()));
        if (q.limit() != null) p.put("$limit", List.of(String.valueOf(q.limit())));
        if (q.offset() > 0) p.put("$offset", List.of(String.valueOf(q.offset())));
        return p;
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("and", "or", "not", "in", "between", "like", "is",
            "null", "true", "false", "as", "asc", "desc");

    private static String name(String n) {
        return RESERVED.contains(n.toLowerCase(java.util.Locale.ROOT)) ? "`" + n + "`" : n;
    }

    static String write(Expr e) {
        if (e instanceof Expr.Column c) return name(c.name()) + (c.subfield() == null ? "" : "." + c.subfield());
        if (e instanceof Expr.Text t) return "'" + t.value().replace("'", "''") + "'";
        if (e instanceof Expr.Number n) return n.value().toPlainString();
        if (e instanceof Expr.Bool b) return String.valueOf(b.value());
        if (e instanceof Expr.Star) return "*";
        if (e instanceof Expr.Compare c) return write(c.left()) + " " + c.op() + " " + write(c.right());
        if (e instanceof Expr.And a) return write(a.left()) + " AND " + write(a.right());
        if (e instanceof Expr.Or o) return "(" + write(o.left()) + " OR " + write(o.right()) + ")";
        if (e instanceof Expr.Not n) return "NOT (" + write(n.operand()) + ")";
        if (e instanceof Expr.In i) {
            return write(i.operand()) + (i.negated() ? " NOT IN (" : " IN (") + i.values().stream().map(ExplorerSoql::write)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof Expr.Like l) return write(l.operand()) + (l.negated() ? " NOT LIKE " : " LIKE ") + write(l.pattern());
        if (e instanceof Expr.Call c) return c.function() + "(" + c.args().stream().map(ExplorerSoql::write).collect(Collectors.joining(", ")) + ")";
        if (e instanceof Expr.IsNull n) return write(n.operand()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
        if (e instanceof Expr.Between b) {
            return write(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ") + write(b.low()) + " AND " + write(b.high());
        }
        throw new IllegalArgumentException("Not written as SoQL: " + e);
    }
}
