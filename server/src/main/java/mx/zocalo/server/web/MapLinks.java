package mx.zocalo.server.web;

import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;

/** The explorer's link to the map of its view: the points of a table that has them, or the choropleth of a grouping by places. */
final class MapLinks {
    private MapLinks() {}

    /** The map of {@code view} (its filters, its group and aggregate), or {@code null} when it has none. */
    static String of(ExplorerRequest view, RowResult r, Places places, String path) {
        Map<String, List<String>> tableOnly = Map.of("page", List.of(), "size", List.of(), "show", List.of(), "sort", List.of());
        if (!view.grouped()) return view.table.coordinates() != null ? view.link(path, tableOnly) : null;
        if (view.groups.size() != 1 || view.groups.get(0).type() != ColumnType.LINK) return null;
        Map<String, Places.Place> all = places.all();
        for (Row row : r.rows()) {
            if (row.values().get(0) instanceof Link l && all.containsKey(l.iri())) return view.link(path, tableOnly);
        }
        return null;
    }
}
