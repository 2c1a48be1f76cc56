package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpAsQuery;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpSlice;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;

/**
 * Compiles a {@link RowQuery} against a {@link Table} into SPARQL algebra, and from it a {@link Query}: the one
 * compiler of the row API, the explorer, charts and measures. The rows are {@link RowPattern}'s pattern in the
 * dataset's graph; then {@code $where} ({@code OpFilter}), grouping and aggregates ({@code OpGroup}, {@code OpExtend}),
 * {@code $having} ({@code OpFilter}), {@code $order} ({@code OpOrder}, the row's IRI or the grouping columns breaking
 * ties so that pages never overlap), the answer's columns ({@code OpProject}) and the page ({@code OpSlice}).
 *
 * <pre>{@code
 * CompiledQuery c = SparqlCompiler.compile(table, "https://datos.example.mx/graph/cuenta-publica",
 *         RowQuery.builder().select("ejercicio_fiscal, sum(monto_total)").group("ejercicio_fiscal").limit(100).build());
 * String sparql = c.sparql();   // what the answer stands for
 * }</pre>
 */
public final class SparqlCompiler {
    /** The page size when a query does not say. */
    public static final int DEFAULT_LIMIT = 1000;

    private final Scope scope;
    private final RowQuery q;
    private final String graph;
    private final List<org.apache.jena.sparql.expr.Expr> filters = new ArrayList<>();
    private TextSearch.Compiled search;
    private final List<CompiledQuery.Slot> slots = new ArrayList<>();
    private final List<Var> projected = new ArrayList<>();
    /** Expressions of {@code $select} bound to variables, in order. */
    private final VarExprList extensions = new VarExprList();
    private final List<SortCondition> order = new ArrayList<>();
    private org.apache.jena.sparql.expr.Expr having;

    private SparqlCompiler(Table table, String graph, RowQuery q) {
        this.scope = new Scope(table);
        this.q = q;
        this.graph = graph;
    }

    /** Compiles {@code q} (its table already chosen) for the rows of {@code table} in the graph {@code graph}. */
    public static CompiledQuery compile(Table table, String graph, RowQuery q) {
        return new SparqlCompiler(table, graph, q).compile();
    }

    private CompiledQuery compile() {
        scope.grouped = q.grouped();
        if (scope.grouped && q.coordinates()) throw new SoqlException("geojson-grouped", null, -1, null, Map.of());
        conditions();
        if (scope.grouped) return grouped();
        return rows();
    }

    // ---- $where, shortcuts, $q

    private void conditions() {
        scope.inFilter = true;
        Set<String> required = new HashSet<>(Required.columns(q.where()));
        for (Expr conjunct : conjuncts(q.where(), new ArrayList<>())) condition("$where", conjunct);
        for (Map.Entry<String, List<String>> s : q.shortcuts().entrySet()) {
            Expr condition = Shortcuts.condition(scope.table, s.getKey(), s.getValue());
            required.add(s.getKey().toLowerCase(Locale.ROOT));
            condition(s.getKey(), condition);
        }
        if (q.search() != null) {
            search = TextSearch.compile(scope, q.search());
            if (search != null) filters.add(search.condition());
        }
        scope.inFilter = false;
        for (Column c : scope.table.columns()) {
            if (required.contains(c.name().toLowerCase(Locale.ROOT)) && !c.multiValued()) scope.required.add(c);
        }
    }

    private static List<Expr> conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.And a) {
            conjuncts(a.left(), out);
            conjuncts(a.right(), out);
        } else if (e != null) {
            out.add(e);
        }
        return out;
    }

    /**
     * One top-level condition: a filter, or, when it sets a column to one value and the store's terms tell that value
     * alone (text in one language, a date, a year, a month; a link's label), the value put in the pattern: the same
     * rows, found by the store's index rather than by testing each. Numbers stay filters ({@code 2014} also equals
     * {@code 2014.0}).
     */
    private void condition(String parameter, Expr e) {
        if (e instanceof Expr.Compare c && c.op().equals("=")) {
            Expr.Column ref = c.left() instanceof Expr.Column l ? l : c.right() instanceof Expr.Column r ? r : null;
            Expr value = ref == c.left() ? c.right() : c.left();
            Column col = ref == null || ref.name().startsWith(":") ? null : scope.table.column(ref.name()).orElse(null);
            boolean literal = value instanceof Expr.Text || value instanceof Expr.Number;
            if (col != null && literal && !col.multiValued()) {
                if (ref.subfield() == null && !scope.constants.containsKey(col) && fixable(col)) {
                    Typed column = new Typed(null, col.type(), col.language(), Typed.Ref.column(col), false, ref);
                    scope.var(col);
                    scope.constants.put(col, new Literals(parameter).coerce(value, column, true).asNode());
                    return;
                }
                if ("label".equalsIgnoreCase(ref.subfield()) && col.hasLabel() && col.labelGraph() == null
                        && value instanceof Expr.Text t && !scope.labelConstants.containsKey(col)) {
                    scope.labelVar(col);
                    scope.labelConstants.put(col, col.labelLanguage().isEmpty() ? NodeFactory.createLiteralString(t.value())
                            : NodeFactory.createLiteralLang(t.value(), col.labelLanguage()));
                    return;
                }
            }
        }
        filters.add(new ExprCompiler(scope, parameter, ExprCompiler.Clause.WHERE).condition(e));
    }

    /** Whether equality with a constant is equality of terms for the values of {@code c}. */
    private static boolean fixable(Column c) {
        return c.type() == ColumnType.TEXT && !c.language().isEmpty() || c.type() == ColumnType.DATE || c.type() == ColumnType.GYEAR
                || c.type() == ColumnType.GYEARMONTH;
    }

    // ---- rows

    private CompiledQuery rows() {
        ExprCompiler select = new ExprCompiler(scope, "$select", ExprCompiler.Clause.SELECT);
        projected.add(scope.row);
        Set<String> names = new HashSet<>();
        List<Expr.SelectItem> items = q.select().isEmpty() ? List.of(new Expr.SelectItem(new Expr.Star(-1), null, -1)) : q.select();
        for (Expr.SelectItem item : items) {
            if (item.expr() instanceof Expr.Star) {
                for (Column c : scope.table.columns()) output(select, new Expr.Column(c.name(), null, item.position()), null, names);
            } else {
                output(select, item.expr(), item.alias(), names);
            }
        }
        if (!scope.aggregators.isEmpty()) {
            Expr plain = q.select().stream().map(Expr.SelectItem::expr).filter(e -> !Aggregates.contains(e)).findFirst().orElseThrow();
            throw select.error("not-grouped", plain, Map.of("name", Literals.describe(plain)));
        }
        ExprCompiler orderBy = new ExprCompiler(scope, "$order", ExprCompiler.Clause.ORDER);
        boolean byRow = false;
        scope.inOrder = true;
        for (Expr.OrderItem item : q.order()) {
            Typed t = orderBy.value(item.expr());
            if (t.literal()) throw orderBy.error("order-literal", item.expr(), Map.of());
            order.add(new SortCondition(t.expr(), item.descending() ? Query.ORDER_DESCENDING : Query.ORDER_ASCENDING));
            if (scope.row.equals(t.var())) byRow = true;
        }
        scope.inOrder = false;
        if (!byRow) order.add(new SortCondition(new ExprVar(scope.row), Query.ORDER_ASCENDING));
        Var[] point = coordinates();
        Var wkt = point == null ? null : point[2];
        if (point != null) {
            for (Var v : point) if (v != null && !projected.contains(v)) projected.add(v);
        }
        Node g = NodeFactory.createURI(graph);
        Set<Column> innerColumns = new LinkedHashSet<>(scope.filterColumns);
        innerColumns.addAll(scope.orderColumns);
        Set<Column> innerLabels = new LinkedHashSet<>(scope.filterLabels);
        innerLabels.addAll(scope.orderLabels);
        Op op;
        if (late(innerColumns, innerLabels, wkt)) {
            // the page is cut from the rows and the columns that conditions and order need; the rest is looked up for it
            Op inner = RowPattern.rows(scope, parts(innerColumns, innerLabels, null));
            List<Var> innerVars = new ArrayList<>(List.of(scope.row));
            for (Column c : innerColumns) if (!c.multiValued()) innerVars.add(scope.var(c));
            for (Column c : innerLabels) innerVars.add(scope.labelVar(c));
            inner = new OpSlice(new OpProject(new OpOrder(inner, order), innerVars), q.offset(), limit());
            Set<Column> more = new LinkedHashSet<>(scope.columns());
            more.removeAll(innerColumns);
            Set<Column> moreLabels = new LinkedHashSet<>(scope.labelled());
            moreLabels.removeAll(innerLabels);
            op = RowPattern.graph(scope, g, RowPattern.join(scope, inner, more, moreLabels, wkt));
            op = extend(op);
            op = new OpOrder(op, order);
            op = new OpProject(op, projected);
        } else {
            op = RowPattern.graph(scope, g, RowPattern.rows(scope, parts(scope.columns(), scope.labelled(), wkt)));
            op = extend(op);
            op = new OpOrder(op, order);
            op = new OpProject(op, projected);
            op = new OpSlice(op, q.offset(), limit());
        }
        Op count = countOf(RowPattern.graph(scope, g, RowPattern.rows(scope, parts(scope.filterColumns, scope.filterLabels, null))));
        return new CompiledQuery(scope.table, graph, query(op), query(count), slots, false, scope.row, point, q.offset(), limit());
    }

    /**
     * Whether to cut the page before looking up the columns only the answer shows: when there are such columns, and
     * the order does not need a value computed from them.
     */
    private boolean late(Set<Column> innerColumns, Set<Column> innerLabels, Var wkt) {
        boolean more = wkt != null || !innerColumns.containsAll(scope.columns()) || !innerLabels.containsAll(scope.labelled());
        if (!more) return false;
        for (SortCondition s : order) {
            for (Var v : s.getExpression().getVarsMentioned()) if (extensions.contains(v)) return false;
        }
        return true;
    }

    /** One item of {@code $select} in a query of rows. */
    private void output(ExprCompiler select, Expr e, String alias, Set<String> names) {
        String name = outputName(select, e, alias, names);
        if (e instanceof Expr.Column ref && ref.subfield() == null) {
            var col = scope.table.column(ref.name());
            if (col.isPresent() && col.get().multiValued()) {
                Column c = col.get();
                slots.add(new CompiledQuery.Slot(new ResultColumn(name, c.type(), c, false, true), null, null, null));
                return;
            }
        }
        Typed t = select.value(e);
        if (t.literal()) throw select.error("select-literal", e, Map.of());
        Var v = t.var();
        if (v == null || t.aggregate()) {
            v = scope.fresh(name);
            extensions.add(v, t.expr());
        }
        Var label = null;
        Column shown = t.ref() != null && !t.ref().label() ? t.ref().column() : null;
        if (shown != null && shown.type() == ColumnType.LINK && shown.hasLabel()) label = scope.labelVar(shown);
        if (!projected.contains(v)) projected.add(v);
        if (label != null && !projected.contains(label)) projected.add(label);
        ColumnType type = t.ref() != null && t.ref().id() ? ColumnType.TEXT : t.type(); // the row's IRI, as text
        slots.add(new CompiledQuery.Slot(new ResultColumn(name, type, shown, t.aggregate(), false), v, label, standIn(t)));
        scope.aliases.put(name.toLowerCase(Locale.ROOT), new Typed(new ExprVar(v), t.type(), t.language(),
                t.ref() == null ? null : new Typed.Ref(t.ref().column(), t.ref().label(), t.ref().id(), name), t.aggregate(), e));
    }

    private Var[] coordinates() {
        if (!q.coordinates()) return null;
        Table.Coordinates c = scope.table.coordinates();
        if (c == null) throw new SoqlException("no-coordinates", null, -1, null, Map.of("table", scope.table.name()));
        if (c.wkt()) return new Var[] {null, null, scope.fresh("wkt")};
        Column lat = scope.table.column(c.latitudeColumn()).orElseThrow();
        Column lon = scope.table.column(c.longitudeColumn()).orElseThrow();
        return new Var[] {scope.var(lat), scope.var(lon), null};
    }

    // ---- groups

    private CompiledQuery grouped() {
        ExprCompiler group = new ExprCompiler(scope, "$group", ExprCompiler.Clause.GROUP);
        VarExprList keys = new VarExprList();
        for (Expr e : q.group()) {
            if (!(e instanceof Expr.Column)) throw group.error("group-needs-column", e, Map.of());
            Typed t = group.value(e);
            keys.add(t.var());
            if (t.ref().column() != null && !t.ref().label() && t.ref().column().hasLabel()) keys.add(scope.labelVar(t.ref().column()));
            scope.groupKeys.put(t.ref().path().toLowerCase(Locale.ROOT), t);
        }
        ExprCompiler select = new ExprCompiler(scope, "$select", ExprCompiler.Clause.SELECT);
        Set<String> names = new HashSet<>();
        for (Expr.SelectItem item : q.select()) {
            if (item.expr() instanceof Expr.Star) throw select.error("star-in-group", item.expr(), Map.of());
            groupOutput(select, item, names);
        }
        if (q.select().isEmpty()) {
            for (Expr e : q.group()) groupOutput(select, new Expr.SelectItem(e, null, e.position()), names);
        }
        if (q.having() != null) having = new ExprCompiler(scope, "$having", ExprCompiler.Clause.HAVING).condition(q.having());
        ExprCompiler orderBy = new ExprCompiler(scope, "$order", ExprCompiler.Clause.ORDER);
        Set<Var> ordered = new LinkedHashSet<>();
        for (Expr.OrderItem item : q.order()) {
            Typed t = orderBy.value(item.expr());
            if (t.literal()) throw orderBy.error("order-literal", item.expr(), Map.of());
            order.add(new SortCondition(t.expr(), item.descending() ? Query.ORDER_DESCENDING : Query.ORDER_ASCENDING));
            if (t.var() != null) ordered.add(t.var());
        }
        for (Var k : keys.getVars()) {
            if (!ordered.contains(k)) order.add(new SortCondition(new ExprVar(k), Query.ORDER_ASCENDING));
        }
        Op rows = RowPattern.graph(scope, NodeFactory.createURI(graph), RowPattern.rows(scope, parts(scope.columns(), scope.labelled(), null)));
        OpGroup grouping = (OpGroup) OpGroup.create(rows, keys, new ArrayList<>(scope.aggregators));
        Op op = grouping;
        Op groups = having == null ? op : OpFilter.filter(having, op);
        op = extend(op);
        if (having != null) op = OpFilter.filter(having, op);
        if (!order.isEmpty()) op = new OpOrder(op, order);
        op = new OpProject(op, projected);
        op = new OpSlice(op, q.offset(), limit());
        Op count = q.group().isEmpty() ? null : countOf(new OpProject(groups, keys.getVars()));
        return new CompiledQuery(scope.table, graph, query(op), count == null ? null : query(count), slots, true, null, null,
                q.offset(), limit()).groups(new CompiledQuery.Groups(grouping, op, count, scope.fields()));
    }

    private void groupOutput(ExprCompiler select, Expr.SelectItem item, Set<String> names) {
        String name = outputName(select, item.expr(), item.alias(), names);
        Typed t = select.value(item.expr());
        if (t.literal()) throw select.error("select-literal", item.expr(), Map.of());
        Var v = t.var();
        if (v == null || v.getVarName().startsWith(".")) {
            v = scope.fresh(name);
            extensions.add(v, t.expr());
        }
        Column shown = t.ref() != null && !t.ref().label() ? t.ref().column() : null;
        Var label = shown != null && shown.hasLabel() ? scope.labelVar(shown) : null;
        if (!projected.contains(v)) projected.add(v);
        if (label != null && !projected.contains(label)) projected.add(label);
        slots.add(new CompiledQuery.Slot(new ResultColumn(name, t.type(), shown, t.aggregate(), false), v, label, standIn(t)));
        Typed.Ref ref = t.ref() == null ? null : new Typed.Ref(t.ref().column(), t.ref().label(), t.ref().id(), name);
        scope.aliases.put(name.toLowerCase(Locale.ROOT), new Typed(new ExprVar(v), t.type(), t.language(), ref, t.aggregate(), item.expr()));
        scope.aliasExpressions.put(name.toLowerCase(Locale.ROOT), new Typed(t.expr(), t.type(), t.language(), ref, t.aggregate(), item.expr()));
    }

    // ---- shared

    private RowPattern.Parts parts(Set<Column> columns, Set<Column> labels, Var wkt) {
        return new RowPattern.Parts(new LinkedHashSet<>(columns), new LinkedHashSet<>(labels), filters,
                search == null ? null : search.var(), search == null ? null : search.text(), wkt);
    }

    private Op extend(Op op) {
        for (Var v : extensions.getVars()) op = OpExtend.create(op, v, extensions.getExpr(v));
        return op;
    }

    /** {@code SELECT (COUNT(*) AS ?n) { op }}. */
    private static Op countOf(Op op) {
        Var agg = Var.alloc(".count");
        Op group = OpGroup.create(op, new VarExprList(), List.of(new ExprAggregator(agg, new AggCount())));
        Var n = Var.alloc("n");
        return new OpProject(OpExtend.create(group, n, new ExprVar(agg)), List.of(n));
    }

    private long limit() {
        return q.limit() == null ? DEFAULT_LIMIT : q.limit();
    }

    private org.apache.jena.graph.Node standIn(Typed t) {
        Var v = t.var();
        return v == null ? null : scope.standIns.get(v);
    }

    private String outputName(ExprCompiler at, Expr e, String alias, Set<String> names) {
        String name = alias != null ? alias : defaultName(e);
        if (!names.add(name.toLowerCase(Locale.ROOT))) throw at.error("duplicate-output", e, Map.of("name", name));
        return name;
    }

    /** {@code anio}, {@code entidad.label}, {@code count}, {@code sum_monto_total}, {@code upper_entidad}. */
    static String defaultName(Expr e) {
        if (e instanceof Expr.Column c) return c.path();
        if (e instanceof Expr.Call c) {
            if (c.args().isEmpty() || c.args().get(0) instanceof Expr.Star) return c.function();
            return c.function() + "_" + defaultName(c.args().get(0)).replace('.', '_');
        }
        return "value";
    }

    private Query query(Op op) {
        Query query = OpAsQuery.asQuery(op);
        query.setPrefixMapping(prefixes());
        return query;
    }

    private PrefixMapping prefixes() {
        PrefixMapping pm = PrefixMapping.Factory.create();
        pm.setNsPrefix("rdf", RDF.getURI());
        pm.setNsPrefix("rdfs", RDFS.getURI());
        pm.setNsPrefix("xsd", XSD.getURI());
        Set<String> spaces = new LinkedHashSet<>();
        spaces.add(namespace(scope.table.classIri()));
        for (Column c : scope.table.columns()) spaces.add(namespace(c.property()));
        int n = 1;
        for (String ns : spaces) {
            if (ns.isEmpty() || pm.getNsURIPrefix(ns) != null) continue;
            String prefix = ns.endsWith("def/zocalo#") ? "zoc" : ns.equals(TableScan.GEO) ? "geo" : ns.equals(TableScan.WGS84) ? "wgs"
                    : "ns" + n++;
            if (pm.getNsPrefixURI(prefix) == null) pm.setNsPrefix(prefix, ns);
        }
        return pm;
    }

    private static String namespace(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return cut < 0 ? "" : iri.substring(0, cut + 1);
    }
}
