package mx.zocalo.server.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A SoQL expression: the syntax tree {@link Soql} parses {@code $select}, {@code $where}, {@code $group},
 * {@code $having} and {@code $order} into, and what a program builds instead of writing SoQL text. Names are not
 * resolved here; the analyzer resolves them against a {@link Table} when the query runs. Every node keeps the
 * position (from 0) of its first character in the parameter it came from, or {@code -1} when a program built it.
 *
 * <pre>{@code
 * // anio = 2013 AND entidad_federativa.label IN ('Nuevo León', 'Jalisco')
 * Expr where = Expr.and(Expr.eq(Expr.column("anio"), Expr.number(2013)),
 *         Expr.in(Expr.label("entidad_federativa"), List.of(Expr.text("Nuevo León"), Expr.text("Jalisco"))));
 * }</pre>
 * A value a person typed is always a {@link Text} or {@link Number} node: it never becomes query text.
 */
public sealed interface Expr {
    /** Where the node starts in its parameter's text, from 0; {@code -1} for a node built by a program. */
    int position();

    /**
     * A column of the table by its name ({@code anio}), a link column's label ({@code entidad.label}: {@code subfield}
     * {@code "label"}), the row's own IRI ({@code :id}), or, in {@code $order} and {@code $having}, an alias of
     * {@code $select}.
     */
    record Column(String name, String subfield, int position) implements Expr {
        public Column {
            Objects.requireNonNull(name, "name");
        }

        /** The name as written: {@code entidad.label}. */
        public String path() {
            return subfield == null ? name : name + "." + subfield;
        }
    }

    /** A string literal, {@code 'Nuevo León'} ({@code ''} inside stands for one quote). */
    record Text(String value, int position) implements Expr {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A number literal as written ({@code 2013}, {@code -1.5}, {@code 1e6}). */
    record Number(BigDecimal value, String lexical, int position) implements Expr {
        public Number {
            Objects.requireNonNull(value, "value");
        }

        /** Whether it was written as a whole number (no point, no exponent). */
        public boolean integral() {
            return lexical.chars().allMatch(c -> Character.isDigit(c) || c == '-' || c == '+');
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value, int position) implements Expr {}

    /** {@code NULL}: only meaningful in {@code IS NULL}, which is how SoQL, like SQL, tests for a missing value. */
    record Null(int position) implements Expr {}

    /** The {@code *} of {@code count(*)} or of {@code $select=*}. */
    record Star(int position) implements Expr {}

    /** A function call: {@code count(*)}, {@code sum(monto_total)}, {@code upper(entidad.label)}... */
    record Call(String function, List<Expr> args, int position) implements Expr {
        public Call {
            function = function.toLowerCase(Locale.ROOT);
            args = List.copyOf(args);
        }
    }

    /** A comparison: {@code =}, {@code !=} (also written {@code <>}), {@code <}, {@code <=}, {@code >}, {@code >=}. */
    record Compare(String op, Expr left, Expr right, int position) implements Expr {
        public Compare {
            if (!List.of("=", "!=", "<", "<=", ">", ">=").contains(op)) throw new IllegalArgumentException("Not a comparison: " + op);
        }
    }

    record And(Expr left, Expr right, int position) implements Expr {}

    record Or(Expr left, Expr right, int position) implements Expr {}

    record Not(Expr operand, int position) implements Expr {}

    /** {@code e [NOT] IN (v1, v2, ...)}. */
    record In(Expr operand, List<Expr> values, boolean negated, int position) implements Expr {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code e [NOT] BETWEEN low AND high}: both ends included. */
    record Between(Expr operand, Expr low, Expr high, boolean negated, int position) implements Expr {}

    /** {@code e [NOT] LIKE 'pattern'}: {@code %} any run of characters, {@code _} one character; case-sensitive. */
    record Like(Expr operand, Expr pattern, boolean negated, int position) implements Expr {}

    /** {@code e IS [NOT] NULL}. */
    record IsNull(Expr operand, boolean negated, int position) implements Expr {}

    /** One item of {@code $select}: an expression (or {@code *}) and its alias, or {@code null}. */
    record SelectItem(Expr expr, String alias, int position) {
        public SelectItem {
            Objects.requireNonNull(expr, "expr");
        }
    }

    /** One item of {@code $order}. */
    record OrderItem(Expr expr, boolean descending) {
        public OrderItem {
            Objects.requireNonNull(expr, "expr");
        }
    }

    // ---- building trees in programs

    static Column column(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new Column(name, null, -1) : new Column(name.substring(0, dot), name.substring(dot + 1), -1);
    }

    /** The label of the link column {@code name}: {@code name.label}. */
    static Column label(String name) {
        return new Column(name, "label", -1);
    }

    static Text text(String value) {
        return new Text(value, -1);
    }

    static Number number(long value) {
        return new Number(BigDecimal.valueOf(value), Long.toString(value), -1);
    }

    static Number number(BigDecimal value) {
        return new Number(value, value.toPlainString(), -1);
    }

    static Compare eq(Expr left, Expr right) {
        return new Compare("=", left, right, -1);
    }

    static Compare compare(String op, Expr left, Expr right) {
        return new Compare(op, left, right, -1);
    }

    static Expr and(Expr left, Expr right) {
        if (left == null) return right;
        if (right == null) return left;
        return new And(left, right, -1);
    }

    static Expr or(Expr left, Expr right) {
        return new Or(left, right, -1);
    }

    static Expr not(Expr operand) {
        return new Not(operand, -1);
    }

    static In in(Expr operand, List<Expr> values) {
        return new In(operand, values, false, -1);
    }

    static Between between(Expr operand, Expr low, Expr high) {
        return new Between(operand, low, high, false, -1);
    }

    static Like like(Expr operand, String pattern) {
        return new Like(operand, new Text(pattern, -1), false, -1);
    }

    static IsNull isNull(Expr operand) {
        return new IsNull(operand, false, -1);
    }

    static IsNull isNotNull(Expr operand) {
        return new IsNull(operand, true, -1);
    }

    static Call call(String function, Expr... args) {
        return new Call(function, List.of(args), -1);
    }

    /** {@code count(*)}. */
    static Call count() {
        return new Call("count", List.of(new Star(-1)), -1);
    }
}
