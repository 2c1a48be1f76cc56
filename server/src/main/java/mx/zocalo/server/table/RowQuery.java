package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A query of a dataset's rows, as the row API takes it: which table ({@code class=}), {@code $select},
 * {@code $where}, {@code $group}, {@code $having}, {@code $order}, {@code $q}, {@code $limit}, {@code $offset} and the
 * {@code ?column=value} shortcuts. Made from request parameters by {@link #fromParameters}, or by a program with
 * {@link #builder()}; either way the parts are syntax trees, never text pasted into a query.
 *
 * <pre>{@code
 * RowQuery q = RowQuery.builder().select("anio, sum(incidencias_anio) AS total").group("anio").order("anio").build();
 * RowQuery fromForm = RowQuery.builder().where(Expr.eq(Expr.column("anio"), Expr.text(userInput))).build();
 * }</pre>
 *
 * @param table       the class whose rows are asked for (its IRI or short name); {@code null}: the dataset's main table
 * @param select      what each answer row holds; empty: every column ({@code *})
 * @param where       which rows; {@code null}: all
 * @param group       the grouping columns; empty: no grouping (unless {@code select} has only aggregates)
 * @param having      which groups; {@code null}: all
 * @param order       the order; empty: by the row's IRI (or the grouping columns)
 * @param search      {@code $q}: words every answer row contains (see {@link TextFold}); {@code null}: none
 * @param shortcuts   {@code ?column=value} shortcuts: each column equals one of its values
 * @param limit       how many rows at most; {@code null}: the service's default
 * @param offset      how many to skip
 * @param coordinates whether each row's point is wanted (GeoJSON)
 */
public record RowQuery(String table, List<Expr.SelectItem> select, Expr where, List<Expr> group, Expr having,
        List<Expr.OrderItem> order, String search, Map<String, List<String>> shortcuts, Integer limit, long offset,
        boolean coordinates) {

    /** The parameters that are not column shortcuts. */
    public static final Set<String> PARAMETERS = Set.of("$select", "$where", "$group", "$having", "$order", "$q", "$limit",
            "$offset", "class");

    public RowQuery {
        select = select == null ? List.of() : List.copyOf(select);
        group = group == null ? List.of() : List.copyOf(group);
        order = order == null ? List.of() : List.copyOf(order);
        Map<String, List<String>> eq = new LinkedHashMap<>();
        if (shortcuts != null) shortcuts.forEach((k, v) -> eq.put(k, List.copyOf(v)));
        shortcuts = java.util.Collections.unmodifiableMap(eq);
        if (search != null && search.isBlank()) search = null;
        if (limit != null && limit < 0) throw new SoqlException("bad-limit", "$limit", -1, String.valueOf(limit), Map.of("value", String.valueOf(limit)));
        if (offset < 0) throw new SoqlException("bad-offset", "$offset", -1, String.valueOf(offset), Map.of("value", String.valueOf(offset)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's parts, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.table = table;
        b.select = new ArrayList<>(select);
        b.where = where;
        b.group = new ArrayList<>(group);
        b.having = having;
        b.order = new ArrayList<>(order);
        b.search = search;
        shortcuts.forEach((k, v) -> b.shortcuts.put(k, new ArrayList<>(v)));
        b.limit = limit;
        b.offset = offset;
        b.coordinates = coordinates;
        return b;
    }

    /**
     * The query of a request's parameters. {@code $select}, {@code $where}, {@code $group}, {@code $having},
     * {@code $order} are parsed; {@code $q} kept; {@code $limit}, {@code $offset} read as whole numbers; {@code class}
     * names the table; parameters in {@code ignored} (such as {@code lang}) and Socrata's {@code $$...} ones are left
     * alone; any other {@code $...} is an error; every other name is a column shortcut, its values (one or more) the
     * values the column may have.
     */
    public static RowQuery fromParameters(Map<String, List<String>> params, Set<String> ignored) {
        Builder b = builder();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            if (values.isEmpty() || ignored.contains(name) || name.startsWith("$$")) continue;
            String value = values.get(values.size() - 1);
            if (name.startsWith("$") && values.size() > 1) {
                throw new SoqlException("repeated-parameter", name, -1, null, Map.of());
            }
            switch (name) {
                case "$select" -> b.select(value);
                case "$where" -> b.where(value);
                case "$group" -> b.group(value);
                case "$having" -> b.having(value);
                case "$order" -> b.order(value);
                case "$q" -> b.search(value);
                case "$limit" -> b.limit(whole(name, value, Integer.MAX_VALUE));
                case "$offset" -> b.offset(whole(name, value, Long.MAX_VALUE));
                case "class" -> b.table(value);
                default -> {
                    if (name.startsWith("$")) {
                        throw new SoqlException("unknown-parameter", name, -1, name, Map.of("known",
                                String.join(", ", PARAMETERS.stream().filter(p -> p.startsWith("$")).sorted().toList())));
                    }
                    for (String v : values) b.shortcut(name, v);
                }
            }
        }
        return b.build();
    }

    private static long whole(String name, String value, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0 || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new SoqlException("not-whole", name, -1, value, Map.of("value", value));
        }
    }

    /** Whether the answer rows are groups (a {@code $group}, or only aggregates in {@code $select}). */
    public boolean grouped() {
        if (!group.isEmpty()) return true;
        if (select.isEmpty()) return false;
        return select.stream().allMatch(s -> Aggregates.contains(s.expr()));
    }

    public static final class Builder {
        private String table;
        private List<Expr.SelectItem> select = new ArrayList<>();
        private Expr where;
        private List<Expr> group = new ArrayList<>();
        private Expr having;
        private List<Expr.OrderItem> order = new ArrayList<>();
        private String search;
        private final Map<String, List<String>> shortcuts = new LinkedHashMap<>();
        private Integer limit;
        private long offset;
        private boolean coordinates;

        private Builder() {}

        public Builder table(String table) { this.table = table == null || table.isBlank() ? null : table.trim(); return this; }
        public Builder select(String soql) { return select(blank(soql) ? List.of() : Soql.select(soql)); }
        public Builder select(List<Expr.SelectItem> items) { this.select = new ArrayList<>(items); return this; }
        public Builder where(String soql) { return where(blank(soql) ? null : Soql.where(soql)); }
        public Builder where(Expr condition) { this.where = condition; return this; }
        /** Adds a condition to {@code $where} with AND. */
        public Builder and(Expr condition) { this.where = Expr.and(where, condition); return this; }
        public Builder group(String soql) { return group(blank(soql) ? List.of() : Soql.group(soql)); }
        public Builder group(List<Expr> columns) { this.group = new ArrayList<>(columns); return this; }
        public Builder having(String soql) { return having(blank(soql) ? null : Soql.having(soql)); }
        public Builder having(Expr condition) { this.having = condition; return this; }
        public Builder order(String soql) { return order(blank(soql) ? List.of() : Soql.order(soql)); }
        public Builder order(List<Expr.OrderItem> items) { this.order = new ArrayList<>(items); return this; }
        public Builder search(String words) { this.search = words; return this; }
        /** A shortcut: {@code column} equals {@code value} (several values for one column: any of them). */
        public Builder shortcut(String column, String value) {
            shortcuts.computeIfAbsent(column, k -> new ArrayList<>()).add(value);
            return this;
        }
        public Builder limit(long limit) { this.limit = (int) Math.min(Integer.MAX_VALUE, limit); return this; }
        public Builder defaultLimit() { this.limit = null; return this; }
        public Builder offset(long offset) { this.offset = offset; return this; }
        public Builder coordinates(boolean wanted) { this.coordinates = wanted; return this; }

        public RowQuery build() {
            return new RowQuery(table, select, where, group, having, order, search, shortcuts, limit, offset, coordinates);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }
}
