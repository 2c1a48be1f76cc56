package mx.zocalo.server.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggAvg;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggMin;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.expr.nodevalue.XSDFuncOp;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.function.FunctionEnvBase;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;

/**
 * The aggregates of {@link RowIndexGroups}, each as ARQ's accumulator computes it, over the term ordinals of one column
 * of the row index: the aggregate's expression is evaluated by ARQ once per distinct term (ordinal {@code -1}: no value),
 * and what each row adds is then a look-up. Per open index, the evaluated terms are kept.
 */
final class RowIndexMeasures {
    private static final FunctionEnv ENV = new FunctionEnvBase();

    private RowIndexMeasures() {}

    /** One group's state of one aggregate. */
    interface Acc {
        void add(int ord);
    }

    /** One aggregate over one column: a fresh state per group, and its value at the end (null: unbound). */
    interface Measure {
        Acc start();

        NodeValue value(Acc acc);
    }

    /** The measure of aggregate {@code a} (whose expression {@code e} reads {@code v}, the column of {@code field}); null when unsupported. */
    static Measure measure(RowIndexReader r, String field, Var v, org.apache.jena.sparql.expr.Expr e, Aggregator a) {
        NodeValue[] values = r.computed("eval\n" + field + "\n" + v + "\n" + e, () -> evaluate(r, field, v, e));
        int missing = values.length - 1;
        if (a instanceof AggCountVar) return new Count(values, missing);
        if (a instanceof AggSum || a instanceof AggAvg) {
            Numbers n = r.computed("num\n" + field + "\n" + v + "\n" + e, () -> Numbers.of(values));
            return n.unsupported ? null : new Sum(n, missing, a instanceof AggAvg);
        }
        int[] pos = r.computed("pos\n" + field + "\n" + v + "\n" + e, () -> positions(values));
        return pos == null ? null : new Extreme(values, pos, missing, a instanceof AggMin);
    }

    /** The term of ordinal {@code ord} of {@code field}. */
    static Node node(RowIndexReader r, String field, int ord) {
        try {
            SortedDocValues dv = DocValues.getSorted(leaf(r), "t:" + field);
            return RowIndexTerms.decode(dv.lookupOrd(ord).utf8ToString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LeafReader leaf(RowIndexReader r) {
        return r.reader().leaves().get(0).reader();
    }

    /** {@code e} evaluated on each term of {@code field} and, last, on no value; null where it fails. */
    private static NodeValue[] evaluate(RowIndexReader r, String field, Var v, org.apache.jena.sparql.expr.Expr e) {
        try {
            List<?> leaves = r.reader().leaves();
            SortedDocValues dv = leaves.isEmpty() ? null : DocValues.getSorted(leaf(r), "t:" + field);
            int n = dv == null ? 0 : dv.getValueCount();
            NodeValue[] out = new NodeValue[n + 1];
            for (int i = 0; i < n; i++) out[i] = eval(e, v, RowIndexTerms.decode(dv.lookupOrd(i).utf8ToString()));
            out[n] = eval(e, v, null);
            return out;
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static NodeValue eval(org.apache.jena.sparql.expr.Expr e, Var v, Node n) {
        try {
            return e.eval(n == null ? BindingFactory.empty() : BindingFactory.binding(v, n), ENV);
        } catch (ExprEvalException x) {
            return null;
        }
    }

    /** Each value's place in {@code NodeValue.compareAlways} order (-1: the expression fails); null when there is no such order. */
    private static int[] positions(NodeValue[] values) {
        Integer[] order = new Integer[values.length];
        int k = 0;
        for (int i = 0; i < values.length; i++) if (values[i] != null) order[k++] = i;
        Integer[] sorted = Arrays.copyOf(order, k);
        java.util.Comparator<Integer> cmp = (x, y) -> NodeValue.compareAlways(values[x], values[y]);
        try {
            Arrays.sort(sorted, cmp);
        } catch (RuntimeException e) {
            return null; // no total order: SPARQL answers
        }
        int[] pos = new int[values.length];
        Arrays.fill(pos, -1);
        int p = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && cmp.compare(sorted[i - 1], sorted[i]) != 0) p++;
            pos[sorted[i]] = p;
        }
        return pos;
    }

    /** {@code COUNT(expr)}: the rows whose expression does not fail. */
    private record Count(NodeValue[] values, int missing) implements Measure {
        static final class State implements Acc {
            final NodeValue[] values;
            final int missing;
            long n;

            State(NodeValue[] values, int missing) {
                this.values = values;
                this.missing = missing;
            }

            @Override
            public void add(int ord) {
                if (values[ord < 0 ? missing : ord] != null) n++;
            }
        }

        @Override
        public Acc start() {
            return new State(values, missing);
        }

        @Override
        public NodeValue value(Acc acc) {
            return NodeValue.makeInteger(((State) acc).n);
        }
    }

    /** The numbers of each term: a long, or a BigDecimal; whether a decimal; whether not a number (or the expression fails). */
    private static final class Numbers {
        NodeValue[] values;
        boolean[] bad;
        boolean[] small;
        long[] longs;
        BigDecimal[] bigs;
        boolean[] decimal;
        boolean unsupported;

        static Numbers of(NodeValue[] values) {
            Numbers n = new Numbers();
            int len = values.length;
            n.values = values;
            n.bad = new boolean[len];
            n.small = new boolean[len];
            n.longs = new long[len];
            n.bigs = new BigDecimal[len];
            n.decimal = new boolean[len];
            for (int i = 0; i < len; i++) {
                NodeValue nv = values[i];
                if (nv == null || !nv.isNumber()) {
                    n.bad[i] = true;
                } else if (nv.isInteger()) {
                    BigInteger b = nv.getInteger();
                    if (b.bitLength() < 63) {
                        n.small[i] = true;
                        n.longs[i] = b.longValue();
                    } else {
                        n.bigs[i] = new BigDecimal(b);
                    }
                } else if (nv.isDecimal()) {
                    n.bigs[i] = nv.getDecimal();
                    n.decimal[i] = true;
                } else {
                    n.unsupported = true; // a float or a double: its sum depends on the order of the additions
                }
            }
            return n;
        }
    }

    /** {@code SUM(expr)} and {@code AVG(expr)} as ARQ adds: exactly, the first value as it is. */
    private record Sum(Numbers n, int missing, boolean avg) implements Measure {
        static final class State implements Acc {
            final Numbers n;
            final int missing;
            long count;
            boolean error;
            int first = -1;
            long small;
            BigDecimal big = BigDecimal.ZERO;
            boolean decimal;

            State(Numbers n, int missing) {
                this.n = n;
                this.missing = missing;
            }

            @Override
            public void add(int ord) {
                int i = ord < 0 ? missing : ord;
                if (n.bad[i]) {
                    error = true;
                    return;
                }
                if (count++ == 0) first = i;
                if (n.small[i]) {
                    long s = small + n.longs[i];
                    if (((small ^ s) & (n.longs[i] ^ s)) < 0) { // overflow
                        big = big.add(BigDecimal.valueOf(small));
                        s = n.longs[i];
                    }
                    small = s;
                } else {
                    big = big.add(n.bigs[i]);
                    decimal |= n.decimal[i];
                }
            }
        }

        @Override
        public Acc start() {
            return new State(n, missing);
        }

        @Override
        public NodeValue value(Acc acc) {
            State s = (State) acc;
            if (s.error) return null;
            if (s.count == 0) return avg ? new AggAvg(NodeValue.nvZERO).createAccumulator().getValue() : null;
            NodeValue total;
            if (s.count == 1) {
                total = n.values[s.first];
            } else {
                BigDecimal sum = s.big.add(BigDecimal.valueOf(s.small));
                total = s.decimal ? NodeValue.makeDecimal(sum) : NodeValue.makeInteger(sum.toBigIntegerExact());
            }
            return avg ? XSDFuncOp.numDivide(total, NodeValue.makeInteger(s.count)) : total;
        }
    }

    /** {@code MIN(expr)} and {@code MAX(expr)}: the least or greatest value by {@code NodeValue.compareAlways}. */
    private record Extreme(NodeValue[] values, int[] pos, int missing, boolean min) implements Measure {
        static final class State implements Acc {
            final int[] pos;
            final int missing;
            final boolean min;
            boolean error;
            int best = -1;

            State(int[] pos, int missing, boolean min) {
                this.pos = pos;
                this.missing = missing;
                this.min = min;
            }

            @Override
            public void add(int ord) {
                int i = ord < 0 ? missing : ord;
                if (pos[i] < 0) {
                    error = true;
                } else if (best < 0 || (min ? pos[i] < pos[best] : pos[i] > pos[best])) {
                    best = i;
                }
            }
        }

        @Override
        public Acc start() {
            return new State(pos, missing, min);
        }

        @Override
        public NodeValue value(Acc acc) {
            State s = (State) acc;
            return s.error || s.best < 0 ? null : values[s.best];
        }
    }
}
