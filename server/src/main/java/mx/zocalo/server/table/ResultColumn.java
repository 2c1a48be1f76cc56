package mx.zocalo.server.table;

/**
 * A column of an answer: its name (the alias, the column's name, or for an aggregate {@code count},
 * {@code sum_monto_total}...), what its values are, and the table column it shows when it shows one.
 *
 * @param name        the key of the value in JSON, the header in CSV
 * @param type        what the values are ({@link ColumnType#LINK}: {@link Link} values)
 * @param column      the table column shown, or {@code null} (an aggregate, an expression, a label)
 * @param aggregate   whether it is computed over groups
 * @param multiValued whether each value is a list (a multi-valued column)
 */
public record ResultColumn(String name, ColumnType type, Column column, boolean aggregate, boolean multiValued) {}
