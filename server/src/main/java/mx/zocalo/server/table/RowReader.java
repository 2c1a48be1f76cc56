package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpAsQuery;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprVar;

/** Reads an answer's solutions into {@link Row}s; and the values of multi-valued columns, by a second query over the page's rows. */
final class RowReader {
    private RowReader() {}

    static List<Row> rows(CompiledQuery c, ResultSet rs) {
        return rows(c, new java.util.Iterator<Binding>() {
            @Override
            public boolean hasNext() {
                return rs.hasNext();
            }

            @Override
            public Binding next() {
                return rs.nextBinding();
            }
        });
    }

    /** The rows of solutions {@code solutions} of {@code c}'s page query. */
    static List<Row> rows(CompiledQuery c, java.util.Iterator<Binding> solutions) {
        List<Row> out = new ArrayList<>();
        List<CompiledQuery.Slot> slots = c.slots();
        Var[] point = c.point();
        while (solutions.hasNext()) {
            Binding b = solutions.next();
            List<Object> values = new ArrayList<>(slots.size());
            for (CompiledQuery.Slot s : slots) {
                if (s.var() == null) {
                    values.add(List.of()); // a multi-valued column: filled by values()
                    continue;
                }
                Node n = b.get(s.var());
                if (n != null && n.equals(s.standIn())) n = null;
                values.add(Values.of(n, s.column().type(), s.labelVar() == null ? null : b.get(s.labelVar())));
            }
            Node row = c.row() == null ? null : b.get(c.row());
            out.add(new Row(row == null ? null : row.getURI(), values, point == null ? null : Points.of(b, point)));
        }
        return out;
    }

    static long count(ResultSet rs) {
        if (!rs.hasNext()) return 0;
        Node n = rs.nextBinding().get(Var.alloc("n"));
        return n == null ? 0 : ((java.lang.Number) n.getLiteralValue()).longValue();
    }

    /**
     * {@code SELECT ?row ?v ?v_label { GRAPH <g> { VALUES ?row { ... } ?row <p> ?v OPTIONAL { ?v rdfs:label ... } } }}:
     * the values of the multi-valued column {@code column} of the page's rows.
     */
    static Query values(CompiledQuery c, Column column, List<String> rows) {
        Scope scope = new Scope(c.table());
        Var v = scope.var(column);
        org.apache.jena.sparql.algebra.Table table = TableFactory.create(List.of(scope.row));
        for (String iri : rows) table.addBinding(BindingFactory.binding(scope.row, NodeFactory.createURI(iri)));
        Op op = OpJoin.create(OpTable.create(table), new OpBGP(BasicPattern.wrap(List.of(
                Triple.create(scope.row, NodeFactory.createURI(column.property()), v)))));
        org.apache.jena.sparql.expr.Expr lang = RowPattern.languageTest(c.table(), column, v);
        if (lang != null) op = OpFilter.filter(lang, op);
        List<Var> vars = new ArrayList<>(List.of(scope.row, v));
        if (column.hasLabel()) {
            op = OpLeftJoin.create(op, RowPattern.label(scope, column), RowPattern.labelTest(scope, column));
            vars.add(scope.labelVar(column));
        }
        op = new OpGraph(NodeFactory.createURI(c.graph()), op);
        op = new OpOrder(op, List.of(new SortCondition(new ExprVar(scope.row), Query.ORDER_ASCENDING),
                new SortCondition(new ExprVar(v), Query.ORDER_ASCENDING)));
        return OpAsQuery.asQuery(new OpProject(op, vars));
    }

    /** Puts the values read by {@link #values} into the rows' lists for {@code slot}. */
    static List<Row> fill(List<Row> rows, int slot, Column column, ResultSet rs) {
        Map<String, List<Object>> byRow = new LinkedHashMap<>();
        List<String> vars = rs.getResultVars();
        while (rs.hasNext()) {
            Binding b = rs.nextBinding();
            Node row = b.get(Var.alloc(vars.get(0)));
            Node value = b.get(Var.alloc(vars.get(1)));
            Node label = vars.size() > 2 ? b.get(Var.alloc(vars.get(2))) : null;
            byRow.computeIfAbsent(row.getURI(), k -> new ArrayList<>()).add(Values.of(value, column.type(), label));
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            List<Object> values = new ArrayList<>(r.values());
            values.set(slot, List.copyOf(byRow.getOrDefault(r.iri(), List.of())));
            out.add(new Row(r.iri(), values, r.point()));
        }
        return out;
    }
}
