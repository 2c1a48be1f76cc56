package mx.zocalo.server.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.Table;

/**
 * An explorer state written as its URL parameters ({@code group=ramo&agg=sum&of=monto_total&eq.ejercicio_fiscal=2023}),
 * read the way {@code /dataset/{slug}/explore} reads it, for what is not a page request: the views a dataset.yaml
 * declares, checked and published with their SoQL at publish time, and the panels of the story page.
 *
 * <pre>{@code
 * ExplorerViews.State s = ExplorerViews.read(tables, "group=ramo&agg=sum&of=monto_total");
 * s.query();   // the RowQuery (all groups: no page)
 * s.soql();    // $select=ramo, count(*) AS count, sum(monto_total) AS sum_monto_total&$group=ramo
 * }</pre>
 */
public final class ExplorerViews {
    private ExplorerViews() {}

    /**
     * One explorer state: its row query (every row or group, no page), the same as the row API's SoQL parameters, its
     * canonical explorer parameters, and the columns its grouped rows answer with (groups, {@code count}, aggregate).
     */
    public record State(RowQuery query, String soql, String explore, List<String> groups, String aggregate) {}

    /**
     * The state {@code explore} stands for over a dataset's {@code tables} (the first is the main one).
     *
     * @throws IllegalArgumentException naming the parameter and what is wrong, in English
     */
    public static State read(List<Table> tables, String explore) {
        Map<String, List<String>> params = parse(explore);
        String tableParam = params.getOrDefault("class", List.of()).stream().filter(v -> !v.isBlank()).reduce((a, b) -> b).orElse(null);
        Table table = tables.isEmpty() ? null : tables.get(0);
        if (tableParam != null) {
            table = tables.stream().filter(t -> t.isCalled(tableParam)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "class=" + tableParam + " names no table of the dataset; the tables are: "
                            + String.join(", ", tables.stream().map(Table::name).toList())));
        }
        if (table == null) throw new IllegalArgumentException("the dataset has no table to query");
        ExplorerRequest r;
        try {
            r = ExplorerRequest.of(table, table.equals(tables.get(0)), params);
        } catch (LocalizedBadRequest e) {
            throw new IllegalArgumentException(e.message(english()), e);
        }
        RowQuery q = r.allPages().build();
        Map<String, List<String>> canonical = r.parameters();
        canonical.remove("size");
        canonical.remove("page");
        String query = ExplorerRequest.query(ExplorerSoql.parameters(q));
        return new State(q, query.isEmpty() ? "" : query.substring(1), ExplorerRequest.query(canonical).replaceFirst("^\\?", ""),
                r.groups.stream().map(c -> c.name()).toList(), r.aggregateName());
    }

    /** The parameters of a query string ({@code a=1&b=2&b=3}), decoded, in order. */
    public static Map<String, List<String>> parse(String explore) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String s = explore == null ? "" : explore.trim();
        if (s.startsWith("?")) s = s.substring(1);
        for (String part : s.split("&")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8).trim();
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    private static Map<String, String> english() {
        ResourceBundle b = ResourceBundle.getBundle("zocalo.site.i18n.messages", Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : b.keySet()) m.put(k, b.getString(k));
        return m;
    }
}
