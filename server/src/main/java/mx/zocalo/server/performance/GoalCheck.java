package mx.zocalo.server.performance;

import java.util.List;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.NoSuchDatasetException;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.SoqlException;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;

/**
 * Checks the measures of a goal against the published tables: the dataset is published, the table exists, the period,
 * value and {@code by:} columns exist (the value column a number), the {@code where:} filter compiles. Each problem names
 * the measure's line and the field.
 */
final class GoalCheck {
    private GoalCheck() {}

    static void check(TableService tables, Goal goal, List<PerformanceProblem> problems) {
        int n = 0;
        for (Measure m : goal.measures()) {
            n++;
            if (m.rate() != null || m.dataset() == null) continue;
            String at = "measures[" + n + "].";
            Table table;
            try {
                table = tables.table(m.dataset(), m.table());
            } catch (NoSuchDatasetException e) {
                problems.add(new PerformanceProblem(goal.file(), m.line(), at + "dataset", "names no published dataset: '" + m.dataset() + "'"));
                continue;
            } catch (SoqlException e) {
                problems.add(new PerformanceProblem(goal.file(), m.line(), at + "table", e.getMessage()));
                continue;
            }
            if (m.period() != null) column(tables, goal, m, table, m.period(), at + "period", false, problems);
            if (m.column() != null) column(tables, goal, m, table, m.column(), at + "column", true, problems);
            if (m.by() != null) compiles(tables, goal, m, () -> RowQuery.builder().table(m.table()).select(m.by()).group(m.by()), at + "by", problems);
            if (m.where() != null) compiles(tables, goal, m, () -> RowQuery.builder().table(m.table()).where(m.where()), at + "where", problems);
        }
    }

    private static void column(TableService tables, Goal goal, Measure m, Table table, String name, String field, boolean number,
            List<PerformanceProblem> problems) {
        if (name.contains(".")) {
            compiles(tables, goal, m, () -> RowQuery.builder().table(m.table()).select(name), field, problems);
            return;
        }
        Column c = table.column(name).orElse(null);
        if (c == null) {
            problems.add(new PerformanceProblem(goal.file(), m.line(), field, "names no column of " + m.dataset() + " (" + table.name()
                    + "): '" + name + "' (columns: " + String.join(", ", table.columnNames()) + ")"));
        } else if (number && c.type().kind() != ColumnType.Kind.NUMBER) {
            problems.add(new PerformanceProblem(goal.file(), m.line(), field, "column '" + name + "' holds " + c.type().name().toLowerCase()
                    + " values, not numbers: it cannot be " + (m.aggregate() == Aggregate.AVG ? "averaged" : "summed")));
        }
    }

    private static void compiles(TableService tables, Goal goal, Measure m, java.util.function.Supplier<RowQuery.Builder> q, String field,
            List<PerformanceProblem> problems) {
        try {
            tables.compile(m.dataset(), q.get().build());
        } catch (SoqlException e) {
            problems.add(new PerformanceProblem(goal.file(), m.line(), field, e.getMessage()));
        }
    }

    /** The goal file's field a row API error of a measure's query points at. */
    static String field(SoqlException e) {
        String p = e.parameter() == null ? "" : e.parameter();
        return switch (p) {
            case "$where" -> "where";
            case "$group", "$order" -> "period";
            default -> "column";
        };
    }
}
