package mx.zocalo.server.table;

import java.util.Set;

/** The aggregate functions of SoQL's {@code $select}, {@code $having} and {@code $order}: count, sum, avg, min, max. */
final class Aggregates {
    static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max");

    private Aggregates() {}

    static boolean is(Expr e) {
        return e instanceof Expr.Call c && NAMES.contains(c.function());
    }

    /** Whether {@code e} calls an aggregate anywhere. */
    static boolean contains(Expr e) {
        if (e instanceof Expr.Call c) return NAMES.contains(c.function()) || c.args().stream().anyMatch(Aggregates::contains);
        if (e instanceof Expr.Compare c) return contains(c.left()) || contains(c.right());
        if (e instanceof Expr.And a) return contains(a.left()) || contains(a.right());
        if (e instanceof Expr.Or o) return contains(o.left()) || contains(o.right());
        if (e instanceof Expr.Not n) return contains(n.operand());
        if (e instanceof Expr.In i) return contains(i.operand()) || i.values().stream().anyMatch(Aggregates::contains);
        if (e instanceof Expr.Between b) return contains(b.operand()) || contains(b.low()) || contains(b.high());
        if (e instanceof Expr.Like l) return contains(l.operand()) || contains(l.pattern());
        if (e instanceof Expr.IsNull n) return contains(n.operand());
        return false;
    }
}
