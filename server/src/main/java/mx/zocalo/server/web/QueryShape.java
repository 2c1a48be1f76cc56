package mx.zocalo.server.web;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpSlice;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitor;
import org.apache.jena.sparql.expr.ExprVisitorBase;

/**
 * What {@code /sparql} refuses before running a query, by its shape: a {@code SERVICE} call, and an {@code OFFSET} ARQ
 * would skip before its time limit could stop it — anywhere in the query, sub-queries and {@code EXISTS} included.
 */
final class QueryShape {
    private QueryShape() {}

    /** Whether the query calls out with {@code SERVICE} anywhere, sub-queries and {@code EXISTS} included. */
    static boolean federated(Query query) {
        return find(query, 0);
    }

    /** Whether the query, or any part of it, has an {@code OFFSET} above {@code max} (at least 1). */
    static boolean offsetAbove(Query query, long max) {
        return query.hasOffset() && query.getOffset() > max || find(query, Math.max(1, max));
    }

    /** {@code maxOffset} 0: a {@code SERVICE} anywhere; else an {@code OFFSET} above it anywhere. */
    private static boolean find(Query query, long maxOffset) {
        boolean[] found = {false};
        Op op = Algebra.compile(query);
        OpVisitorBase visitor = new OpVisitorBase() {
            @Override
            public void visit(OpService opService) {
                if (maxOffset == 0) found[0] = true;
            }

            @Override
            public void visit(OpSlice slice) {
                if (maxOffset > 0 && slice.getStart() > maxOffset) found[0] = true;
            }
        };
        ExprVisitor exists = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionOp funcOp) {
                if (funcOp.getGraphPattern() != null) Walker.walk(funcOp.getGraphPattern(), visitor, this);
            }
        };
        Walker.walk(op, visitor, exists);
        return found[0];
    }
}
