package mx.zocalo.server.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TableFactory;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpTable;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggAvg;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggMax;
import org.apache.jena.sparql.expr.aggregate.AggMin;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * Answers a grouped query with the row index: the groups and their aggregates are computed by one pass over the
 * matching documents, reading each grouping column's and aggregated column's term ordinal from the doc values; what the
 * SPARQL query does after its {@code GROUP BY} ({@code $having}, the outputs, {@code $order}, the page, the count of
 * groups) is then run by ARQ itself, on the very algebra the compiler made, with the groups in place of the group.
 *
 * <p>Each aggregate means what ARQ's accumulator means (a row whose expression fails makes the group's sum, avg, min and
 * max fail; count skips it; a sum of one value is that value; of several, the exact sum, an {@code xsd:integer} or an
 * {@code xsd:decimal}; avg is ARQ's division of that sum by the count; min and max by {@code NodeValue.compareAlways}).
 * The expression of each aggregate is evaluated by ARQ once per distinct term of its column (and once for "no value").
 * Sums over {@code xsd:double} or {@code xsd:float} values (whose result depends on the order of the additions), and
 * anything else {@link #run} cannot express, give null: the query goes to SPARQL.
 */
final class RowIndexGroups {
    /** The page of groups (ARQ's solutions of the page query) and the count of every group (null: one row, no count). */
    record Answer(List<Binding> page, Long total) {}

    /** Grouping or aggregating on more distinct key combinations than this goes through a hash map. */
    private static final int DIRECT = 1 << 22;

    private RowIndexGroups() {}

    /** The groups of {@code c} over the rows of {@code rows}; null when the index cannot express them. */
    static Answer run(RowIndexReader r, RowIndexPlan rows, CompiledQuery c) throws IOException {
        CompiledQuery.Groups g = c.groups();
        if (g == null || r.reader().leaves().size() > 1) return null;
        List<String> fields = new ArrayList<>();
        List<Var> keyVars = g.group().getGroupVars().getVars();
        int[] keyField = new int[keyVars.size()];
        for (int i = 0; i < keyVars.size(); i++) {
            Var v = keyVars.get(i);
            String f = g.fields().get(v);
            if (g.group().getGroupVars().getExpr(v) != null || f == null) return null;
            keyField[i] = slot(fields, f);
        }
        List<ExprAggregator> aggs = g.group().getAggregators();
        RowIndexMeasures.Measure[] measures = new RowIndexMeasures.Measure[aggs.size()];
        int[] aggField = new int[aggs.size()];
        for (int i = 0; i < aggs.size(); i++) {
            Aggregator a = aggs.get(i).getAggregator();
            if (a.getClass() == AggCount.class) {
                aggField[i] = -1;
                continue;
            }
            if (a.getClass() != AggCountVar.class && a.getClass() != AggSum.class && a.getClass() != AggAvg.class
                    && a.getClass() != AggMin.class && a.getClass() != AggMax.class || a.getExprList().size() != 1) {
                return null;
            }
            org.apache.jena.sparql.expr.Expr e = a.getExprList().get(0);
            if (e.getVarsMentioned().size() != 1) return null;
            Var v = e.getVarsMentioned().iterator().next();
            String f = g.fields().get(v);
            if (f == null) return null;
            aggField[i] = slot(fields, f);
            measures[i] = RowIndexMeasures.measure(r, f, v, e, a);
            if (measures[i] == null) return null;
        }
        List<Group> groups = scan(r, rows, fields, keyField, aggField, measures);
        if (groups == null) return null;
        org.apache.jena.sparql.algebra.Table table = TableFactory.create(tableVars(keyVars, aggs));
        if (groups.isEmpty() && keyVars.isEmpty()) {
            BindingBuilder b = Binding.builder();
            for (ExprAggregator ea : aggs) {
                Node empty = ea.getAggregator().getValueEmpty();
                if (empty != null) b.add(ea.getVar(), empty);
            }
            table.addBinding(b.build());
        }
        SortedDocValues[] keyValues = new SortedDocValues[keyVars.size()];
        for (Group group : groups) {
            BindingBuilder b = Binding.builder();
            for (int i = 0; i < keyVars.size(); i++) {
                Node key = group.keys[i] < 0 ? null : RowIndexMeasures.node(r, fields.get(keyField[i]), group.keys[i]);
                if (key != null) b.add(keyVars.get(i), key); // the term of no value ("") is the group of rows without one
            }
            for (int i = 0; i < aggs.size(); i++) {
                NodeValue nv = aggField[i] < 0 ? NodeValue.makeInteger(group.rows) : measures[i].value(group.accs[i]);
                if (nv != null) b.add(aggs.get(i).getVar(), nv.asNode());
            }
            table.addBinding(b.build());
        }
        Op groupsOp = OpTable.create(table);
        List<Binding> page = exec(replace(g.page(), g.group(), groupsOp));
        Long total = null;
        if (g.count() != null) {
            List<Binding> n = exec(replace(g.count(), g.group(), groupsOp));
            Node count = n.isEmpty() ? null : n.get(0).get(Var.alloc("n"));
            total = count == null ? 0L : ((Number) count.getLiteralValue()).longValue();
        }
        return new Answer(page, total);
    }

    private static List<Var> tableVars(List<Var> keys, List<ExprAggregator> aggs) {
        List<Var> out = new ArrayList<>(keys);
        for (ExprAggregator a : aggs) out.add(a.getVar());
        return out;
    }

    private static int slot(List<String> fields, String f) {
        int i = fields.indexOf(f);
        if (i >= 0) return i;
        fields.add(f);
        return fields.size() - 1;
    }

    /** One group: its key's term ordinals (-1: no value), its rows, and each aggregate's state. */
    private static final class Group {
        final int[] keys;
        long rows;
        final RowIndexMeasures.Acc[] accs;

        Group(int[] keys, RowIndexMeasures.Measure[] measures) {
            this.keys = keys;
            this.accs = new RowIndexMeasures.Acc[measures.length];
            for (int i = 0; i < measures.length; i++) accs[i] = measures[i] == null ? null : measures[i].start();
        }
    }

    /** The groups of the matching documents, in the order they were first met; null when the keys are too many to number. */
    private static List<Group> scan(RowIndexReader r, RowIndexPlan rows, List<String> fields, int[] keyField, int[] aggField,
            RowIndexMeasures.Measure[] measures) throws IOException {
        List<Group> groups = new ArrayList<>();
        IndexSearcher s = r.searcher();
        Weight w = s.createWeight(s.rewrite(rows.query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            SortedDocValues[] dv = new SortedDocValues[fields.size()];
            for (int f = 0; f < dv.length; f++) dv[f] = DocValues.getSorted(leaf.reader(), "t:" + fields.get(f));
            long[] mult = new long[keyField.length];
            long combos = 1;
            for (int i = keyField.length - 1; i >= 0; i--) {
                mult[i] = combos;
                try {
                    combos = Math.multiplyExact(combos, dv[keyField[i]].getValueCount() + 1L);
                } catch (ArithmeticException e) {
                    return null;
                }
            }
            int[] direct = combos <= DIRECT ? new int[(int) combos] : null;
            if (direct != null) java.util.Arrays.fill(direct, -1);
            Map<Long, Integer> hashed = direct == null ? new HashMap<>() : null;
            Scorer scorer = w.scorer(leaf);
            if (scorer == null) continue;
            DocIdSetIterator it = scorer.iterator();
            var live = leaf.reader().getLiveDocs();
            int[] ord = new int[dv.length];
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if (live != null && !live.get(d)) continue;
                for (int f = 0; f < dv.length; f++) ord[f] = dv[f].advanceExact(d) ? dv[f].ordValue() : -1;
                long key = 0;
                for (int i = 0; i < keyField.length; i++) key += (ord[keyField[i]] + 1L) * mult[i];
                int at;
                if (direct != null) {
                    at = direct[(int) key];
                    if (at < 0) direct[(int) key] = at = add(groups, keyField, ord, measures);
                } else {
                    Integer known = hashed.get(key);
                    if (known == null) hashed.put(key, known = add(groups, keyField, ord, measures));
                    at = known;
                }
                Group group = groups.get(at);
                group.rows++;
                for (int i = 0; i < aggField.length; i++) {
                    if (aggField[i] >= 0) group.accs[i].add(ord[aggField[i]]);
                }
            }
        }
        return groups;
    }

    private static int add(List<Group> groups, int[] keyField, int[] ord, RowIndexMeasures.Measure[] measures) {
        int[] keys = new int[keyField.length];
        for (int i = 0; i < keys.length; i++) keys[i] = ord[keyField[i]];
        groups.add(new Group(keys, measures));
        return groups.size() - 1;
    }

    /** {@code op} with {@code group} replaced by the computed groups. */
    private static Op replace(Op op, OpGroup group, Op groups) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpGroup opGroup, Op subOp) {
                return opGroup.equals(group) ? groups : super.transform(opGroup, subOp);
            }
        }, op);
    }

    private static List<Binding> exec(Op op) {
        List<Binding> out = new ArrayList<>();
        QueryIterator it = Algebra.exec(op, DatasetGraphFactory.empty());
        try {
            while (it.hasNext()) out.add(it.nextBinding());
        } finally {
            it.close();
        }
        return out;
    }
}
