package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ?column=value}: the column equals the value, read as the column's type ({@code ?anio=2013}); several values for
 * one column, any of them. For a link column, a value that is not an IRI is compared with the linked resource's label
 * ({@code ?entidad_federativa=Nuevo León}).
 */
final class Shortcuts {
    private Shortcuts() {}

    static Expr condition(Table table, String name, List<String> values) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        if (!base.startsWith(":") && table.column(base).isEmpty()) {
            String suggestion = Suggestion.closest(base, table.columnNames());
            throw new SoqlException(suggestion == null ? "no-column" : "no-column-suggest", name, -1, name, Map.of("name", name,
                    "columns", String.join(", ", table.columnNames()), "suggestion", suggestion == null ? "" : suggestion));
        }
        Expr.Column column = Expr.column(name);
        Column c = table.column(base).orElse(null);
        if (c != null && dot < 0 && c.type() == ColumnType.LINK && c.hasLabel()
                && values.stream().noneMatch(v -> v.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+"))) {
            column = Expr.label(c.name());
        }
        List<Expr> texts = new ArrayList<>();
        for (String v : values) texts.add(Expr.text(v));
        return texts.size() == 1 ? Expr.eq(column, texts.get(0)) : Expr.in(column, texts);
    }
}
