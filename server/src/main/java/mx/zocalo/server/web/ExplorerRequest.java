package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.Expr;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.Table;

/**
 * The state of an explorer view, read from (and written back to) readable URL parameters, and the {@link RowQuery}
 * it stands for. Every value a person typed becomes a {@link Expr.Text} or {@link Expr.Number} node, never SoQL text.
 *
 * <ul>
 *   <li>{@code class}: the table (its short name); none: the dataset's main table</li>
 *   <li>{@code eq.COL=v} (repeatable: any of the values), {@code has.COL=text} (contains, ignoring case),
 *       {@code from.COL=v}, {@code to.COL=v} (a range, both ends included)</li>
 *   <li>{@code q}: words every row contains (the row API's {@code $q})</li>
 *   <li>{@code show=COL} (repeatable): the columns shown, in the table's order; none: all</li>
 *   <li>{@code group=COL} (once or twice), {@code agg=sum|avg|min|max} and {@code of=COL}: groups with their count
 *       and the aggregate of a number column</li>
 *   <li>{@code sort=COL} or {@code sort=-COL} (descending); in groups also {@code count} or the aggregate's name</li>
 *   <li>{@code page} (from 1) and {@code size} (rows a page)</li>
 * </ul>
 * Empty values are ignored (a form sends every field), and so is {@code lang}; any other parameter is an error.
 */
final class ExplorerRequest {
    static final List<Integer> SIZES = List.of(25, 50, 100, 250, 500);
    static final int DEFAULT_SIZE = 50;
    static final List<String> AGGREGATES = List.of("sum", "avg", "min", "max");
    static final List<String> FILTERS = List.of("eq", "has", "from", "to");
    private static final Set<String> IGNORED = Set.of("lang", "_");
    private static final Set<String> OWN = Set.of("class", "q", "show", "group", "agg", "of", "sort", "page", "size");
    private static final Pattern DATE = Pattern.compile("-?\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern YEAR = Pattern.compile("-?\\d{4}");
    private static final Pattern YEAR_MONTH = Pattern.compile("-?\\d{4}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("-?\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?");

    /** One filter: the parameter's kind ({@code eq}, {@code has}, {@code from}, {@code to}), the column, the values. */
    record Filter(String kind, Column column, List<String> values) {}

    final Table table;
    final String tableParam;
    final Map<String, Filter> filters = new LinkedHashMap<>(); // key: kind.column
    final String search;
    final List<Column> shown;
    final boolean allShown;
    final List<Column> groups;
    final String aggregate;
    final Column of;
    final String sort;
    final boolean descending;
    final long page;
    final int size;

    private ExplorerRequest(Table table, String tableParam, Map<String, List<String>> params) {
        this.table = table;
        this.tableParam = tableParam;
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            if (!isOwn(name) && !IGNORED.contains(name)) {
                throw bad("explore.error.unknown-parameter", name, Map.of("known", "class, q, show, group, agg, of, sort, page, size, "
                        + "eq.COLUMN, has.COLUMN, from.COLUMN, to.COLUMN", "columns", String.join(", ", table.columnNames())));
            }
            if (dot <= 0) continue;
            String kind = name.substring(0, dot);
            Column c = column(name, name.substring(dot + 1));
            List<String> values = new ArrayList<>(new LinkedHashSet<>(nonEmpty(e.getValue())));
            if (values.isEmpty()) continue;
            if (!kind.equals("eq")) values = List.of(values.get(values.size() - 1));
            for (String v : values) check(name, kind, c, v);
            filters.put(kind + "." + c.name(), new Filter(kind, c, values));
        }
        this.search = one(params, "q");
        List<Column> show = new ArrayList<>();
        for (String s : nonEmpty(params.getOrDefault("show", List.of()))) {
            Column c = column("show", s);
            if (!show.contains(c)) show.add(c);
        }
        this.allShown = show.isEmpty() || show.size() == table.columns().size();
        this.shown = allShown ? table.columns() : table.columns().stream().filter(show::contains).toList();
        List<Column> g = new ArrayList<>();
        for (String s : nonEmpty(params.getOrDefault("group", List.of()))) {
            Column c = column("group", s);
            if (c.multiValued()) throw bad("explore.error.multi-valued", "group", Map.of("name", c.name()));
            if (!g.contains(c)) g.add(c);
        }
        if (g.size() > 2) throw bad("explore.error.groups", "group", Map.of("n", String.valueOf(g.size())));
        this.groups = List.copyOf(g);
        String agg = one(params, "agg");
        String ofName = one(params, "of");
        if (agg != null && !AGGREGATES.contains(agg.toLowerCase(Locale.ROOT))) {
            throw bad("explore.error.choice", "agg", Map.of("value", agg, "choices", String.join(", ", AGGREGATES)));
        }
        Column ofColumn = ofName == null ? null : column("of", ofName);
        if (ofColumn != null && (ofColumn.type().kind() != ColumnType.Kind.NUMBER || ofColumn.multiValued())) {
            throw bad("explore.error.not-number-column", "of", Map.of("name", ofColumn.name(), "columns", numberColumns()));
        }
        boolean aggregating = agg != null && ofColumn != null && !groups.isEmpty();
        this.aggregate = aggregating ? agg.toLowerCase(Locale.ROOT) : null;
        this.of = aggregating ? ofColumn : null;
        String s = one(params, "sort");
        if (s != null) {
            boolean desc = s.startsWith("-");
            String name = desc ? s.substring(1) : s;
            this.sort = sortable(name);
            this.descending = sort != null && desc;
        } else {
            this.descending = false;
            this.sort = null;
        }
        this.size = (int) whole(params, "size", DEFAULT_SIZE, 1, SIZES.get(SIZES.size() - 1));
        this.page = whole(params, "page", 1, 1, Long.MAX_VALUE / SIZES.get(SIZES.size() - 1));
    }

    /**
     * The view {@code params} ask for of {@code table} (chosen by {@code class}: its short name, class IRI or local
     * name); {@code main}: the dataset's main table, which the permalink does not name.
     */
    static ExplorerRequest of(Table table, boolean main, Map<String, List<String>> params) {
        return new ExplorerRequest(table, main ? null : table.name(), params);
    }

    boolean grouped() {
        return !groups.isEmpty();
    }

    /** The answer column name of the aggregate: {@code sum_monto_total}. */
    String aggregateName() {
        return aggregate == null ? null : aggregate + "_" + of.name();
    }

    /** The row query for the page shown. */
    RowQuery query() {
        return allPages().limit(size).offset((page - 1) * size).build();
    }

    /** The query of every page at once (no limit or offset yet), for downloads. */
    RowQuery.Builder allPages() {
        RowQuery.Builder b = RowQuery.builder().table(tableParam);
        for (Filter f : filters.values()) b.and(condition(f));
        if (search != null) b.search(search);
        List<Expr.SelectItem> select = new ArrayList<>();
        if (grouped()) {
            List<Expr> group = new ArrayList<>();
            for (Column c : groups) {
                group.add(Expr.column(c.name()));
                select.add(new Expr.SelectItem(Expr.column(c.name()), null, -1));
            }
            select.add(new Expr.SelectItem(Expr.count(), "count", -1));
            if (aggregate != null) select.add(new Expr.SelectItem(Expr.call(aggregate, Expr.column(of.name())), aggregateName(), -1));
            b.group(group);
        } else if (!allShown) {
            for (Column c : shown) select.add(new Expr.SelectItem(Expr.column(c.name()), null, -1));
        }
        b.select(select);
        if (sort != null) b.order(List.of(new Expr.OrderItem(sortExpr(sort), descending)));
        return b;
    }

    /**
     * The values of column {@code c} with how many rows have each (the most common first; dates and booleans in their
     * order), at most {@code limit}: over
     * the whole table, or ({@code filtered}) over the rows the view's other filters keep (its own {@code eq} left out).
     */
    RowQuery facetQuery(Column c, boolean filtered, int limit) {
        RowQuery.Builder b = RowQuery.builder().table(tableParam);
        if (filtered) {
            for (Filter f : filters.values()) if (!(f.kind().equals("eq") && f.column().equals(c))) b.and(condition(f));
            if (search != null) b.search(search);
        }
        Expr col = Expr.column(c.name());
        b.select(List.of(new Expr.SelectItem(col, null, -1), new Expr.SelectItem(Expr.count(), "count", -1)));
        b.group(List.of(col));
        Expr.OrderItem byValue = new Expr.OrderItem(sortExpr(c.name()), false);
        // years, months and yes/no in their own order; other values the most common first
        ColumnType.Kind k = c.type().kind();
        b.order(k == ColumnType.Kind.DATE || k == ColumnType.Kind.BOOLEAN ? List.of(byValue)
                : List.of(new Expr.OrderItem(Expr.column("count"), true), byValue));
        return b.limit(limit).build();
    }

    /** Whether the view has filters other than the {@code eq} of column {@code c}. */
    boolean filteredBesides(Column c) {
        return search != null || filters.values().stream().anyMatch(f -> !(f.kind().equals("eq") && f.column().equals(c)));
    }

    private Expr sortExpr(String name) {
        if (name.equals("count") || name.equals(aggregateName())) return Expr.column(name);
        Column c = table.column(name).orElseThrow();
        return c.hasLabel() ? Expr.label(c.name()) : Expr.column(c.name());
    }

    private Expr condition(Filter f) {
        Column c = f.column();
        Expr col = c.hasLabel() ? Expr.label(c.name()) : Expr.column(c.name());
        switch (f.kind()) {
            case "has" -> {
                String text = f.values().get(0).toLowerCase(Locale.ROOT).replace('%', '_');
                return Expr.like(Expr.call("lower", col), "%" + text + "%");
            }
            case "from" -> {
                return Expr.compare(">=", col, literal(c, f.values().get(0)));
            }
            case "to" -> {
                return Expr.compare("<=", col, literal(c, f.values().get(0)));
            }
            default -> {
                List<Expr> values = f.values().stream().map(v -> literal(c, v)).toList();
                return values.size() == 1 ? Expr.eq(col, values.get(0)) : Expr.in(col, values);
            }
        }
    }

    private static Expr literal(Column c, String v) {
        return switch (c.type().kind()) {
            case NUMBER -> Expr.number(new BigDecimal(v.trim()));
            case BOOLEAN -> new Expr.Bool(Boolean.parseBoolean(v.trim()), -1);
            case DATE -> Expr.text(v.trim());
            default -> Expr.text(v);
        };
    }

    /** Whether the value of filter parameter {@code name} suits its column's type; a 400 naming it when not. */
    private void check(String name, String kind, Column c, String v) {
        ColumnType.Kind k = c.type().kind();
        if (kind.equals("has") && k != ColumnType.Kind.TEXT && k != ColumnType.Kind.LINK) {
            throw bad("explore.error.has-not-text", name, Map.of("name", c.name()));
        }
        if ((kind.equals("from") || kind.equals("to")) && k != ColumnType.Kind.NUMBER && k != ColumnType.Kind.DATE) {
            throw bad("explore.error.range-type", name, Map.of("name", c.name()));
        }
        if (c.multiValued() && !kind.equals("eq") && !kind.equals("has")) {
            throw bad("explore.error.multi-valued", name, Map.of("name", c.name()));
        }
        String t = v.trim();
        switch (k) {
            case NUMBER -> {
                try {
                    new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw bad("explore.error.not-a-number", name, Map.of("value", v, "name", c.name()));
                }
            }
            case BOOLEAN -> {
                if (!t.equals("true") && !t.equals("false")) throw bad("explore.error.not-a-boolean", name, Map.of("value", v, "name", c.name()));
            }
            case DATE -> {
                if (kind.equals("has")) break;
                Pattern p = switch (c.type()) {
                    case GYEAR -> YEAR;
                    case GYEARMONTH -> YEAR_MONTH;
                    case DATETIME -> DATE_TIME;
                    default -> DATE;
                };
                if (!p.matcher(t).matches()) {
                    String example = switch (c.type()) {
                        case GYEAR -> "2014";
                        case GYEARMONTH -> "2014-03";
                        default -> "2014-03-31";
                    };
                    throw bad("explore.error.not-a-date", name, Map.of("value", v, "name", c.name(), "example", example));
                }
            }
            default -> { }
        }
    }

    /** The column {@code name} names; a 400 naming the parameter and the columns when there is none. */
    private Column column(String param, String name) {
        return table.column(name.trim()).orElseThrow(() -> bad("explore.error.no-column", param,
                Map.of("name", name, "columns", String.join(", ", table.columnNames()))));
    }

    private String sortable(String name) {
        if (grouped()) {
            List<String> names = new ArrayList<>(groups.stream().map(Column::name).toList());
            names.add("count");
            if (aggregate != null) names.add(aggregateName());
            for (String n : names) if (n.equalsIgnoreCase(name.trim())) return n;
            // a column of the table that the groups do not show (the form keeps the rows' order): no order
            if (table.column(name.trim()).isPresent()) return null;
            throw bad("explore.error.no-sort", "sort", Map.of("name", name, "columns", String.join(", ", names)));
        }
        Column c = column("sort", name);
        if (c.multiValued()) throw bad("explore.error.multi-valued", "sort", Map.of("name", c.name()));
        return c.name();
    }

    private String numberColumns() {
        return String.join(", ", table.columns().stream()
                .filter(c -> c.type().kind() == ColumnType.Kind.NUMBER && !c.multiValued()).map(Column::name).toList());
    }

    private static long whole(Map<String, List<String>> params, String name, long fallback, long min, long max) {
        String v = one(params, name);
        if (v == null) return fallback;
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        boolean unbounded = max == Long.MAX_VALUE / SIZES.get(SIZES.size() - 1);
        throw bad(unbounded ? "explore.error.whole-min" : "explore.error.whole", name,
                Map.of("value", v, "min", String.valueOf(min), "max", String.valueOf(max)));
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = nonEmpty(params.getOrDefault(name, List.of()));
        return values.isEmpty() ? null : values.get(values.size() - 1).trim();
    }

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    static LocalizedBadRequest bad(String key, String parameter, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put("parameter", parameter);
        return new LocalizedBadRequest(key, all, "explorer: bad parameter " + parameter + " " + values);
    }

    // ---- writing the state back as a URL

    /** The view's parameters, without empty ones and defaults, in a stable order: the permalink's query. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (tableParam != null) p.put("class", List.of(tableParam));
        if (search != null) p.put("q", List.of(search));
        for (Filter f : filters.values()) p.put(f.kind() + "." + f.column().name(), f.values());
        if (!allShown && !grouped()) p.put("show", shown.stream().map(Column::name).toList());
        if (grouped()) {
            p.put("group", groups.stream().map(Column::name).toList());
            if (aggregate != null) {
                p.put("agg", List.of(aggregate));
                p.put("of", List.of(of.name()));
            }
        }
        if (sort != null) p.put("sort", List.of((descending ? "-" : "") + sort));
        if (size != DEFAULT_SIZE) p.put("size", List.of(String.valueOf(size)));
        if (page != 1) p.put("page", List.of(String.valueOf(page)));
        return p;
    }

    /** {@code path} with these parameters, {@code changes} applied ({@code null} or empty list: removed). */
    String link(String path, Map<String, List<String>> changes) {
        Map<String, List<String>> p = parameters();
        changes.forEach((k, v) -> {
            if (v == null || v.isEmpty()) p.remove(k);
            else p.put(k, v);
        });
        return path + query(p);
    }

    static String query(Map<String, List<String>> p) {
        StringBuilder b = new StringBuilder();
        p.forEach((k, vs) -> {
            for (String v : vs) b.append(b.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v));
        });
        return b.toString();
    }

    /** Whether the request's own parameters differ from the canonical ones (empty fields, defaults, order). */
    static boolean isOwn(String name) {
        return OWN.contains(name) || name.indexOf('.') > 0 && FILTERS.contains(name.substring(0, name.indexOf('.')));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
    }
}
