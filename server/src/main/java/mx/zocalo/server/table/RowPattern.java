package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.E_Lang;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * The rows and the columns a query reads, inside the dataset's graph:
 * <pre>
 * ?row a &lt;Class&gt; ; &lt;p1&gt; ?required ; &lt;p2&gt; "value"@es .   # columns every answer row has; a value a condition fixes
 * OPTIONAL { ?row &lt;p3&gt; ?column }                           # columns some rows lack
 * OPTIONAL { ?row &lt;p4&gt; ?link OPTIONAL { ?link rdfs:label ?link_label FILTER(LANG(?link_label) = "es") } }
 * BIND(... AS ?q_text)                                       # $q
 * FILTER(...)                                                # $where, shortcuts, $q
 * </pre>
 * A column is required when a top-level condition needs it or when every row of the table has it (the table model
 * says which); a column of a property with values in several languages keeps to its own: {@code FILTER(LANG(?v) = "es")}.
 * Columns read only for the answer can be joined after the page is cut ({@link #join}), so that only the page's rows
 * are looked up.
 */
final class RowPattern {
    private RowPattern() {}

    /** What to build the pattern of. */
    record Parts(Set<Column> columns, Set<Column> labels, List<org.apache.jena.sparql.expr.Expr> filters,
            Var searchVar, org.apache.jena.sparql.expr.Expr searchText, Var wktVar) {}

    /** The rows with {@code parts}' columns, filtered; not yet inside the graph. */
    static Op rows(Scope scope, Parts parts) {
        BasicPattern bgp = new BasicPattern();
        bgp.add(Triple.create(scope.row, RDF.type.asNode(), NodeFactory.createURI(scope.table.classIri())));
        ExprList filters = new ExprList();
        Op op = columns(scope, new OpBGP(bgp), bgp, filters, parts.columns(), parts.labels(), parts.wktVar());
        if (parts.searchVar() != null) op = OpExtend.create(op, parts.searchVar(), parts.searchText());
        parts.filters().forEach(filters::add);
        return filters.isEmpty() ? op : OpFilter.filterBy(filters, op);
    }

    /** {@code left} (a page of rows) joined with the further columns the answer shows. */
    static Op join(Scope scope, Op left, Set<Column> columns, Set<Column> labels, Var wkt) {
        BasicPattern bgp = new BasicPattern();
        ExprList filters = new ExprList();
        Op op = columns(scope, null, bgp, filters, columns, labels, wkt);
        Op joined = bgp.isEmpty() ? left : OpJoin.create(left, new OpBGP(bgp));
        // the optional columns were put over an empty start: put them over the join instead
        op = reroot(op, joined);
        return filters.isEmpty() ? op : OpFilter.filterBy(filters, op);
    }

    static Op graph(Scope scope, Node graph, Op op) {
        return new OpGraph(graph, op);
    }

    /**
     * Adds the required columns' triples to {@code bgp} and chains the optional ones over {@code start} (or over a
     * placeholder, when {@code start} is null, for {@link #join} to replace).
     */
    private static Op columns(Scope scope, Op start, BasicPattern bgp, ExprList filters, Set<Column> columns, Set<Column> labels, Var wkt) {
        Table table = scope.table;
        List<Column> optional = new ArrayList<>();
        List<Map.Entry<Var, Node>> fixed = new ArrayList<>();
        for (Column c : columns) {
            if (c.multiValued()) continue;
            if (scope.required.contains(c) || c.rows() == table.rows()) {
                Node constant = scope.constants.get(c);
                bgp.add(Triple.create(scope.row, NodeFactory.createURI(c.property()), constant != null ? constant : scope.var(c)));
                if (constant != null) {
                    fixed.add(Map.entry(scope.var(c), constant));
                    continue;
                }
                org.apache.jena.sparql.expr.Expr lang = languageTest(table, c, scope.var(c));
                if (lang != null) filters.add(lang);
            } else {
                optional.add(c);
            }
        }
        for (Column c : labels) {
            Node label = scope.labelConstants.get(c);
            if (label == null || optional.contains(c) || !columns.contains(c)) continue;
            bgp.add(Triple.create(scope.var(c), RDFS.label.asNode(), label));
            fixed.add(Map.entry(scope.labelVar(c), label));
        }
        Op op = start != null ? start : PLACEHOLDER;
        for (Map.Entry<Var, Node> f : fixed) op = OpExtend.create(op, f.getKey(), NodeValue.makeNode(f.getValue()));
        for (Column c : labels) {
            if (c.multiValued() || optional.contains(c) || scope.labelConstants.containsKey(c) && columns.contains(c)) continue;
            // a column every row has is bound here; another may not be, and a label pattern alone would then match
            // every label: it is reached from the row
            boolean bound = scope.required.contains(c) || c.rows() == table.rows();
            op = OpLeftJoin.create(op, bound ? label(scope, c) : anchoredLabel(scope, c), labelTest(scope, c));
        }
        for (Column c : optional) {
            Op value = new OpBGP(BasicPattern.wrap(List.of(Triple.create(scope.row, NodeFactory.createURI(c.property()), scope.var(c)))));
            if (labels.contains(c)) value = OpLeftJoin.create(value, label(scope, c), labelTest(scope, c));
            org.apache.jena.sparql.expr.Expr lang = languageTest(table, c, scope.var(c));
            op = OpLeftJoin.create(op, value, lang == null ? null : new ExprList(lang));
        }
        if (wkt != null) op = OpLeftJoin.create(op, wkt(scope, table.coordinates(), wkt), (ExprList) null);
        return op;
    }

    /** Stands for the start of a chain built before its start is known. */
    private static final Op PLACEHOLDER = new OpBGP(new BasicPattern());

    private static Op reroot(Op op, Op root) {
        if (op == PLACEHOLDER) return root;
        if (op instanceof OpLeftJoin lj) return OpLeftJoin.create(reroot(lj.getLeft(), root), lj.getRight(), lj.getExprs());
        if (op instanceof OpExtend ex) return OpExtend.create(reroot(ex.getSubOp(), root), ex.getVarExprList());
        return op;
    }

    /** {@code LANG(?v) = "es"} for a column in one of several languages of its property; null when it is the only one. */
    static org.apache.jena.sparql.expr.Expr languageTest(Table table, Column c, Var v) {
        long sameProperty = table.columns().stream().filter(o -> o.property().equals(c.property())).count();
        if (sameProperty < 2) return null;
        return new E_Equals(new E_Lang(new ExprVar(v)), NodeValue.makeString(c.language()));
    }

    static Op label(Scope scope, Column c) {
        Op bgp = new OpBGP(BasicPattern.wrap(List.of(Triple.create(scope.var(c), RDFS.label.asNode(), scope.labelVar(c)))));
        return c.labelGraph() == null ? bgp : new OpGraph(NodeFactory.createURI(c.labelGraph()), bgp);
    }

    /** {@code ?row <p> ?link . ?link rdfs:label ?link_label}: the label of the row's link, found from the row. */
    private static Op anchoredLabel(Scope scope, Column c) {
        Op link = new OpBGP(BasicPattern.wrap(List.of(Triple.create(scope.row, NodeFactory.createURI(c.property()), scope.var(c)))));
        Op label = label(scope, c);
        if (label instanceof OpBGP b) return new OpBGP(BasicPattern.wrap(List.of(((OpBGP) link).getPattern().get(0), b.getPattern().get(0))));
        return OpJoin.create(link, label);
    }

    static ExprList labelTest(Scope scope, Column c) {
        return new ExprList(new E_Equals(new E_Lang(new ExprVar(scope.labelVar(c))), NodeValue.makeString(c.labelLanguage())));
    }

    /** {@code ?row geo:asWKT ?wkt}, or through {@code geo:hasGeometry}. */
    private static Op wkt(Scope scope, Table.Coordinates coordinates, Var wkt) {
        BasicPattern p = new BasicPattern();
        Node from = scope.row;
        List<String> path = coordinates.wktPath();
        for (int i = 0; i < path.size(); i++) {
            Node to = i == path.size() - 1 ? wkt : scope.fresh("geometry");
            p.add(Triple.create(from, NodeFactory.createURI(path.get(i)), to));
            from = to;
        }
        return new OpBGP(p);
    }
}
