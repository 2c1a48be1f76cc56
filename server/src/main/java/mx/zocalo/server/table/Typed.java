package mx.zocalo.server.table;

import org.apache.jena.sparql.expr.ExprVar;

/**
 * A compiled operand: its SPARQL expression and what it holds. A literal of the query stays uncompiled
 * ({@link #literal()}) until it meets the other side of a comparison, whose type it takes.
 *
 * @param expr      the SPARQL expression ({@code null} for a literal not yet typed)
 * @param type      what it holds ({@code null} for a literal not yet typed)
 * @param language  for text: the language tag every value has ({@code ""}: none, or not known)
 * @param ref       what it refers to, when it is a column, a label, {@code :id} or an alias; else {@code null}
 * @param aggregate whether it is (or contains) an aggregate
 * @param source    the tree it was compiled from, for messages
 */
record Typed(org.apache.jena.sparql.expr.Expr expr, ColumnType type, String language, Ref ref, boolean aggregate, Expr source) {

    /** What a name refers to: a column (or its label), the row itself, or an output of {@code $select}. */
    record Ref(Column column, boolean label, boolean id, String alias) {
        static Ref column(Column c) {
            return new Ref(c, false, false, null);
        }

        static Ref label(Column c) {
            return new Ref(c, true, false, null);
        }

        static Ref row() {
            return new Ref(null, false, true, null);
        }

        /** The name as written in queries: {@code anio}, {@code entidad.label}, {@code :id}. */
        String path() {
            if (alias != null) return alias;
            if (id) return ":id";
            return column.name() + (label ? ".label" : "");
        }
    }

    static Typed literal(Expr source) {
        return new Typed(null, null, "", null, false, source);
    }

    boolean literal() {
        return expr == null;
    }

    boolean multiValued() {
        return ref != null && ref.column() != null && !ref.label() && ref.column().multiValued();
    }

    /** The variable, when the expression is one. */
    org.apache.jena.sparql.core.Var var() {
        return expr instanceof ExprVar v ? v.asVar() : null;
    }

    ColumnType.Kind kind() {
        return type == null ? null : type.kind();
    }
}
