package mx.zocalo.server.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.nodevalue.XSDFuncOp;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionEnvBase;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A row query as the row index answers it: the Lucene query of the rows it keeps, their order, and what each answer
 * column reads. Built only for what the index can answer exactly as SPARQL does — rows (groups: see below), conditions on
 * single-valued columns and link labels, {@code $q}, order by columns, labels and {@code :id}; {@link #of} gives null
 * for anything else, and the query goes to SPARQL. For a grouped query, {@link #groupedRows} gives the rows that are
 * grouped ({@link RowIndexGroups} groups them).
 *
 * <p>Conditions are decided by ARQ itself: each comparison is compiled by {@link ExprCompiler} as for the SPARQL query
 * and evaluated on every distinct term of its column (and on "no value"), which sorts the terms into those that make it
 * true, false, or neither (an error: SQL's unknown). {@code AND}, {@code OR}, {@code NOT} then combine the true and
 * false sets with three-valued logic, as {@code FILTER} does. A top-level {@code column = value} that the compiler puts
 * in the triple pattern is term equality here too. Sorting uses each value's rank in ARQ's {@code ORDER BY} order,
 * "no value" first, the row's IRI last.
 */
final class RowIndexPlan {
    /** One answer column: the field of its value (and of its label), or the row's IRI, or a multi-valued column. */
    record Output(String field, ColumnType type, String labelField, boolean id, boolean multiValued) {}

    /** The query cannot be answered by the index. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The conditions' true and false rows. */
    private record Tri(Query t, Query f) {
        Tri not() {
            return new Tri(f, t);
        }
    }

    /** Fields with more distinct values than this are not evaluated term by term. */
    private static final int MOST_TERMS = 200_000;
    private static final FunctionEnv ENV = new FunctionEnvBase();

    final Query query;
    /** The order; null when it is the index's own (by IRI). */
    final Sort sort;
    final List<Output> outputs;

    private final Table table;
    private final RowIndexReader reader;
    private final int tableNo;
    private final Scope scope;
    private final Map<Var, String> fields = new HashMap<>();
    private final Set<Column> fixed = new HashSet<>();
    private final Set<Column> fixedLabels = new HashSet<>();

    private RowIndexPlan(Table table, RowQuery q, RowIndexReader reader, int tableNo, boolean grouped) throws IOException {
        this.table = table;
        this.reader = reader;
        this.tableNo = tableNo;
        this.scope = new Scope(table);
        RowIndexBuilder.Fields f = RowIndexBuilder.fields(table, scope);
        for (int i = 0; i < f.names().size(); i++) fields.put(f.vars().get(i), f.names().get(i));
        Map<String, Expr> aliases = new HashMap<>();
        this.outputs = grouped ? List.of() : outputs(q, aliases);
        this.sort = grouped ? null : sort(q, aliases);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(RowIndexBuilder.CLASS, table.classIri())), Occur.FILTER);
        for (Expr conjunct : conjuncts(q.where(), new ArrayList<>())) b.add(condition("$where", conjunct), Occur.FILTER);
        for (Map.Entry<String, List<String>> s : q.shortcuts().entrySet()) {
            b.add(condition(s.getKey(), Shortcuts.condition(table, s.getKey(), s.getValue())), Occur.FILTER);
        }
        if (q.search() != null) {
            List<String> words = TextFold.words(q.search());
            if (!words.isEmpty() && f.searched().isEmpty()) b.add(new MatchNoDocsQuery(), Occur.FILTER);
            for (String w : words) b.add(new PrefixQuery(new Term(RowIndexBuilder.SEARCH, w)), Occur.FILTER);
        }
        this.query = b.build();
    }

    /** The plan of {@code q} over table number {@code tableNo} of {@code reader}; null when the index cannot answer it. */
    static RowIndexPlan of(Table table, RowQuery q, RowIndexReader reader, int tableNo) throws IOException {
        if (q.grouped() || q.coordinates()) return null;
        try {
            return new RowIndexPlan(table, q, reader, tableNo, false);
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * The plan of the rows a grouped query groups ({@code $where}, shortcuts, {@code $q}): only {@link #query};
     * null when the index cannot find them.
     */
    static RowIndexPlan groupedRows(Table table, RowQuery q, RowIndexReader reader, int tableNo) throws IOException {
        if (!q.grouped() || q.coordinates()) return null;
        try {
            return new RowIndexPlan(table, q, reader, tableNo, true);
        } catch (Unsupported e) {
            return null;
        }
    }

    // ---- what is shown

    private List<Output> outputs(RowQuery q, Map<String, Expr> aliases) {
        List<Output> out = new ArrayList<>();
        List<Expr.SelectItem> items = q.select().isEmpty() ? List.of(new Expr.SelectItem(new Expr.Star(-1), null, -1)) : q.select();
        for (Expr.SelectItem item : items) {
            if (item.expr() instanceof Expr.Star) {
                for (Column c : table.columns()) {
                    Expr.Column ref = new Expr.Column(c.name(), null, -1);
                    out.add(output(ref));
                    aliases.put(c.name().toLowerCase(Locale.ROOT), ref);
                }
            } else if (item.expr() instanceof Expr.Column ref) {
                out.add(output(ref));
                String name = item.alias() != null ? item.alias() : ref.path();
                aliases.put(name.toLowerCase(Locale.ROOT), ref);
            } else {
                throw new Unsupported();
            }
        }
        return out;
    }

    private Output output(Expr.Column ref) {
        if (ref.name().equalsIgnoreCase(":id") && ref.subfield() == null) return new Output(null, ColumnType.TEXT, null, true, false);
        Column c = table.column(ref.name()).orElseThrow(Unsupported::new);
        if (ref.subfield() != null) {
            if (!c.hasLabel() || c.multiValued()) throw new Unsupported();
            return new Output(c.name() + ".label", ColumnType.TEXT, null, false, false);
        }
        if (c.multiValued()) return new Output(null, c.type(), null, false, true);
        return new Output(c.name(), c.type(), c.hasLabel() ? c.name() + ".label" : null, false, false);
    }

    // ---- order

    private Sort sort(RowQuery q, Map<String, Expr> aliases) {
        List<SortField> out = new ArrayList<>();
        boolean byRow = false;
        for (Expr.OrderItem item : q.order()) {
            if (!(item.expr() instanceof Expr.Column ref)) throw new Unsupported();
            if (ref.subfield() == null && aliases.containsKey(ref.name().toLowerCase(Locale.ROOT))) {
                if (!(aliases.get(ref.name().toLowerCase(Locale.ROOT)) instanceof Expr.Column a)) throw new Unsupported();
                ref = a;
            }
            boolean desc = item.descending();
            if (ref.name().equalsIgnoreCase(":id") && ref.subfield() == null) {
                out.add(new SortField(RowIndexBuilder.IRI16, SortField.Type.STRING, desc));
                byRow = true;
                break; // the IRI is unique: nothing after it matters
            }
            Column c = table.column(ref.name()).orElseThrow(Unsupported::new);
            if (c.multiValued() || ref.subfield() != null && !c.hasLabel()) throw new Unsupported();
            String field = ref.subfield() == null ? c.name() : c.name() + ".label";
            if (!reader.sortable(tableNo, field)) throw new Unsupported();
            out.add(new SortField("r:" + field, SortField.Type.LONG, desc));
        }
        if (!byRow) out.add(new SortField(RowIndexBuilder.IRI16, SortField.Type.STRING));
        if (out.size() == 1 && out.get(0).getField().equals(RowIndexBuilder.IRI16) && !out.get(0).getReverse()) return null;
        return new Sort(out.toArray(new SortField[0]));
    }

    // ---- conditions

    private static List<Expr> conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.And a) {
            conjuncts(a.left(), out);
            conjuncts(a.right(), out);
        } else if (e != null) {
            out.add(e);
        }
        return out;
    }

    /** A top-level condition, as {@link SparqlCompiler} decides between a value in the pattern and a filter. */
    private Query condition(String parameter, Expr e) throws IOException {
        if (e instanceof Expr.Compare c && c.op().equals("=")) {
            Expr.Column ref = c.left() instanceof Expr.Column l ? l : c.right() instanceof Expr.Column r ? r : null;
            Expr value = ref == c.left() ? c.right() : c.left();
            Column col = ref == null || ref.name().startsWith(":") ? null : table.column(ref.name()).orElse(null);
            boolean literal = value instanceof Expr.Text || value instanceof Expr.Number;
            if (col != null && literal && !col.multiValued()) {
                if (ref.subfield() == null && !fixed.contains(col) && fixable(col)) {
                    fixed.add(col);
                    Typed column = new Typed(null, col.type(), col.language(), Typed.Ref.column(col), false, ref);
                    Node n = new Literals(parameter).coerce(value, column, true).asNode();
                    return new TermQuery(new Term("t:" + col.name(), RowIndexTerms.encode(n)));
                }
                if ("label".equalsIgnoreCase(ref.subfield()) && col.hasLabel() && col.labelGraph() == null
                        && value instanceof Expr.Text t && !fixedLabels.contains(col)) {
                    fixedLabels.add(col);
                    Node n = col.labelLanguage().isEmpty() ? NodeFactory.createLiteralString(t.value())
                            : NodeFactory.createLiteralLang(t.value(), col.labelLanguage());
                    return new TermQuery(new Term("t:" + col.name() + ".label", RowIndexTerms.encode(n)));
                }
            }
        }
        return tri(parameter, e).t();
    }

    private static boolean fixable(Column c) {
        return c.type() == ColumnType.TEXT && !c.language().isEmpty() || c.type() == ColumnType.DATE || c.type() == ColumnType.GYEAR
                || c.type() == ColumnType.GYEARMONTH;
    }

    private Tri tri(String parameter, Expr e) throws IOException {
        if (e instanceof Expr.And a) {
            Tri l = tri(parameter, a.left());
            Tri r = tri(parameter, a.right());
            return new Tri(all(l.t(), r.t()), any(l.f(), r.f()));
        }
        if (e instanceof Expr.Or o) {
            Tri l = tri(parameter, o.left());
            Tri r = tri(parameter, o.right());
            return new Tri(any(l.t(), r.t()), all(l.f(), r.f()));
        }
        if (e instanceof Expr.Not n) return tri(parameter, n.operand()).not();
        if (e instanceof Expr.Bool b) return b.value() ? new Tri(new MatchAllDocsQuery(), new MatchNoDocsQuery())
                : new Tri(new MatchNoDocsQuery(), new MatchAllDocsQuery());
        if (e instanceof Expr.Compare || e instanceof Expr.In || e instanceof Expr.Between || e instanceof Expr.Like
                || e instanceof Expr.IsNull || e instanceof Expr.Column) {
            return leaf(parameter, e);
        }
        throw new Unsupported();
    }

    /** One comparison on one column: ARQ evaluates it on each distinct term of the column. */
    private Tri leaf(String parameter, Expr e) throws IOException {
        checkColumns(e);
        org.apache.jena.sparql.expr.Expr test = new ExprCompiler(scope, parameter, ExprCompiler.Clause.WHERE).condition(e);
        Set<Var> vars = test.getVarsMentioned();
        if (vars.isEmpty()) {
            Boolean v = truth(test, BindingFactory.empty());
            Query all = new MatchAllDocsQuery();
            Query none = new MatchNoDocsQuery();
            return v == null ? new Tri(none, none) : v ? new Tri(all, none) : new Tri(none, all);
        }
        if (vars.size() != 1) throw new Unsupported();
        Var v = vars.iterator().next();
        String field = fields.get(v);
        if (field == null) throw new Unsupported();
        RowIndexReader.Terms2 terms = reader.terms(field, MOST_TERMS);
        if (terms == null) throw new Unsupported();
        List<BytesRef> yes = new ArrayList<>();
        List<BytesRef> no = new ArrayList<>();
        for (int i = 0; i < terms.nodes().size(); i++) {
            Node n = terms.nodes().get(i);
            Boolean t = truth(test, n == null ? BindingFactory.empty() : BindingFactory.binding(v, n));
            if (t == null) continue;
            (t ? yes : no).add(terms.bytes().get(i));
        }
        return new Tri(in("t:" + field, yes), in("t:" + field, no));
    }

    /** Only single-valued columns and their labels: a condition on a multi-valued column, or on {@code :id}, goes to SPARQL. */
    private void checkColumns(Expr e) {
        if (e instanceof Expr.Column c) {
            if (c.name().startsWith(":")) throw new Unsupported();
            table.column(c.name()).filter(Column::multiValued).ifPresent(x -> {
                throw new Unsupported();
            });
        } else if (e instanceof Expr.Compare c) {
            checkColumns(c.left());
            checkColumns(c.right());
        } else if (e instanceof Expr.In i) {
            checkColumns(i.operand());
            i.values().forEach(this::checkColumns);
        } else if (e instanceof Expr.Between b) {
            checkColumns(b.operand());
            checkColumns(b.low());
            checkColumns(b.high());
        } else if (e instanceof Expr.Like l) {
            checkColumns(l.operand());
        } else if (e instanceof Expr.IsNull n) {
            checkColumns(n.operand());
        } else if (e instanceof Expr.Call) {
            throw new Unsupported();
        }
    }

    /** What {@code FILTER} makes of {@code test}: true, false, or null for an error (unknown). */
    private static Boolean truth(org.apache.jena.sparql.expr.Expr test, Binding b) {
        try {
            return XSDFuncOp.booleanEffectiveValue(test.eval(b, ENV));
        } catch (ExprEvalException e) {
            return null;
        }
    }

    private static Query in(String field, List<BytesRef> terms) {
        if (terms.isEmpty()) return new MatchNoDocsQuery();
        if (terms.size() == 1) return new TermQuery(new Term(field, terms.get(0)));
        return new TermInSetQuery(field, terms);
    }

    private static Query all(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, Occur.FILTER).add(b, Occur.FILTER).build();
    }

    private static Query any(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, Occur.SHOULD).add(b, Occur.SHOULD).setMinimumNumberShouldMatch(1).build();
    }
}
