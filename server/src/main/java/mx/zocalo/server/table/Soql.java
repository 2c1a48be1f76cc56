package mx.zocalo.server.table;

import java.util.List;

/**
 * Parses the parameters of a SoQL query (Socrata's query language, as its users write it in {@code $select},
 * {@code $where}, {@code $group}, {@code $having} and {@code $order}) into {@link Expr} trees. Parsing does not know
 * the table: names are resolved, and types checked, when the query is compiled against one ({@link SparqlCompiler}).
 * A syntax error is a {@link SoqlException} naming the parameter, the position and the token.
 *
 * <pre>{@code
 * List<Expr.SelectItem> select = Soql.select("anio, sum(monto_total) AS total");
 * Expr where = Soql.where("anio BETWEEN 2015 AND 2020 AND etapa_presupuestal IN ('Aprobado', 'Ejercido')");
 * }</pre>
 */
public final class Soql {
    private Soql() {}

    /** {@code $select}: {@code *}, columns and calls, each with an optional {@code AS alias}. */
    public static List<Expr.SelectItem> select(String text) {
        return SoqlParser.select("$select", text);
    }

    /** {@code $where}: a condition. */
    public static Expr where(String text) {
        return SoqlParser.condition("$where", text);
    }

    /** {@code $having}: a condition over groups. */
    public static Expr having(String text) {
        return SoqlParser.condition("$having", text);
    }

    /** {@code $group}: columns, comma-separated. */
    public static List<Expr> group(String text) {
        return SoqlParser.list("$group", text);
    }

    /** {@code $order}: expressions, each with {@code ASC} (the default) or {@code DESC}. */
    public static List<Expr.OrderItem> order(String text) {
        return SoqlParser.order("$order", text);
    }
}
