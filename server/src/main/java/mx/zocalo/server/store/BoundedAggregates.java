package mx.zocalo.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.Accumulator;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.graph.NodeTransform;
import org.apache.jena.sparql.serializer.SerializationContext;

/**
 * {@code GROUP_CONCAT} with a length limit. ARQ builds its string in memory with no bound, so one query concatenating a
 * cartesian product filled a 1 GB heap in 5 s — well inside the time limit, and an {@code OutOfMemoryError} hits every
 * request of the portal, not just that one. After ARQ's own optimizer, every {@code GROUP_CONCAT} of the algebra
 * (sub-queries included) is wrapped so that a group's values past {@link #MAX_CHARS} characters stop the query with an
 * error naming the limit ({@code 400 query-failed} at {@code /sparql}).
 */
public final class BoundedAggregates {
    /** Characters one GROUP_CONCAT may gather per group: far beyond an answer anyone reads, far below the heap. */
    public static final long MAX_CHARS = 8_000_000;

    /** The optimizer for a query's context ({@code ARQConstants.sysOptimizerFactory}): ARQ's, then the bound. */
    public static final RewriteFactory FACTORY = context -> op -> bound(Optimize.stdOptimizationFactory.create(context).rewrite(op));

    private BoundedAggregates() {}

    static Op bound(Op op) {
        return Transformer.transform(new TransformCopy() {
            @Override
            public Op transform(OpGroup opGroup, Op subOp) {
                List<ExprAggregator> aggs = new ArrayList<>();
                boolean changed = false;
                for (ExprAggregator ea : opGroup.getAggregators()) {
                    Aggregator a = ea.getAggregator();
                    if (a instanceof AggGroupConcat || a instanceof AggGroupConcatDistinct) {
                        aggs.add(new ExprAggregator(ea.getVar(), new Bounded(a)));
                        changed = true;
                    } else {
                        aggs.add(ea);
                    }
                }
                return changed || subOp != opGroup.getSubOp() ? new OpGroup(subOp, opGroup.getGroupVars(), aggs) : opGroup;
            }
        }, op);
    }

    /** A GROUP_CONCAT (plain or DISTINCT) that counts what it is given and stops past the limit. */
    private static final class Bounded implements Aggregator {
        private final Aggregator inner;

        Bounded(Aggregator inner) {
            this.inner = inner;
        }

        @Override
        public Accumulator createAccumulator() {
            Accumulator acc = inner.createAccumulator();
            return new Accumulator() {
                private long chars;

                @Override
                public void accumulate(Binding binding, FunctionEnv env) {
                    try {
                        NodeValue v = inner.getExprList().get(0).eval(binding, env);
                        if (v.isLiteral()) chars += v.asNode().getLiteralLexicalForm().length() + 1;
                    } catch (ExprEvalException e) {
                        // an unbound or failing value adds nothing (the inner accumulator decides what it means)
                    }
                    if (chars > MAX_CHARS) {
                        throw new QueryExecException(String.format(Locale.ROOT,
                                "GROUP_CONCAT gathered more than %,d characters in one group (the endpoint's limit)", MAX_CHARS));
                    }
                    acc.accumulate(binding, env);
                }

                @Override
                public NodeValue getValue() {
                    return acc.getValue();
                }
            };
        }

        @Override
        public Node getValueEmpty() {
            return inner.getValueEmpty();
        }

        @Override
        public String toPrefixString() {
            return inner.toPrefixString();
        }

        @Override
        public String key() {
            return inner.key();
        }

        @Override
        public String getName() {
            return inner.getName();
        }

        @Override
        public ExprList getExprList() {
            return inner.getExprList();
        }

        @Override
        public Aggregator copy(ExprList exprs) {
            return new Bounded(inner.copy(exprs));
        }

        @Override
        public Aggregator copyTransform(NodeTransform transform) {
            return new Bounded(inner.copyTransform(transform));
        }

        @Override
        public int hashCode() {
            return inner.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bounded b && inner.equals(b.inner);
        }

        @Override
        public boolean equals(Aggregator other, boolean bySyntax) {
            return other instanceof Bounded b && inner.equals(b.inner, bySyntax);
        }

        @Override
        public String asSparqlExpr(SerializationContext sCxt) {
            return inner.asSparqlExpr(sCxt);
        }
    }
}
