package mx.zocalo.server.table;

import java.util.HashSet;
import java.util.Set;

/**
 * The columns a condition cannot hold without: those compared (or tested with {@code IS NOT NULL}) in a top-level
 * conjunct. A row without such a column fails the condition whatever the rest says (a comparison with a missing
 * value is unknown, and so is its {@code NOT}), so the column's pattern can be required rather than optional, which
 * gives the same rows, faster.
 */
final class Required {
    private Required() {}

    static Set<String> columns(Expr condition) {
        Set<String> out = new HashSet<>();
        collect(condition, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e == null) return;
        if (e instanceof Expr.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
            return;
        }
        Expr subject = e instanceof Expr.Not n ? n.operand() : e;
        if (subject instanceof Expr.Compare c) {
            name(c.left(), out);
            name(c.right(), out);
        } else if (subject instanceof Expr.In i) {
            name(i.operand(), out);
        } else if (subject instanceof Expr.Between b) {
            name(b.operand(), out);
        } else if (subject instanceof Expr.Like l) {
            name(l.operand(), out);
        } else if (e instanceof Expr.IsNull n && n.negated()) {
            name(n.operand(), out);
        }
    }

    private static void name(Expr e, Set<String> out) {
        if (e instanceof Expr.Column c && !c.name().startsWith(":")) out.add(c.name().toLowerCase(java.util.Locale.ROOT));
    }
}
