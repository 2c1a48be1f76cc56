package mx.zocalo.server.publish;

import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.DescriptionException;
import mx.zocalo.server.catalog.ViewRecord;
import mx.zocalo.server.table.SoqlException;
import mx.zocalo.server.table.SparqlCompiler;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.web.ExplorerViews;

/**
 * Checks the views of a description against the tables the conversion just made (the columns each query names, the
 * types its filters and aggregate need) and gives each its canonical explorer parameters, its SoQL and its SPARQL. A
 * wrong view stops the publish (the store keeps the version before it) with an error naming the file, the view and the
 * key.
 */
final class ViewCheck {
    private ViewCheck() {}

    static List<ViewRecord.Published> check(DatasetDescription d, List<Table> tables, String graph) {
        List<ViewRecord.Published> out = new ArrayList<>();
        for (DatasetDescription.View v : d.views()) {
            ExplorerViews.State s;
            try {
                s = ExplorerViews.read(tables, v.explore());
            } catch (IllegalArgumentException e) {
                throw new DescriptionException(d.file() + ": view '" + v.id() + "': key 'explore' is wrong: " + e.getMessage()
                        + " (in '" + v.explore() + "')");
            }
            if (v.story() != null) panel(d, v, s);
            String sparql;
            try {
                Table table = tables.stream().filter(t -> s.query().table() == null ? t.equals(tables.get(0)) : t.isCalled(s.query().table()))
                        .findFirst().orElseThrow();
                sparql = SparqlCompiler.compile(table, graph, s.query()).sparql();
            } catch (SoqlException e) {
                throw new DescriptionException(d.file() + ": view '" + v.id() + "': key 'explore' is wrong: " + e.getMessage());
            }
            out.add(new ViewRecord.Published(v, s.explore(), s.soql(), sparql));
        }
        return out;
    }

    /** What each story panel needs of its query: groups and an aggregate (the amounts it draws). */
    private static void panel(DatasetDescription d, DatasetDescription.View v, ExplorerViews.State s) {
        String need = switch (v.story()) {
            case "share" -> s.groups().isEmpty() ? "one or two group= columns (the parts, and their parts)" : null;
            case "change", "trend" -> s.groups().size() != 2 ? "two group= columns (the parts, and "
                    + (v.story().equals("change") ? "the column whose two eq. values are the plan and the reality)" : "the period)") : null;
            default -> null;
        };
        if (need == null && s.aggregate() == null) need = "agg= and of= (the amount of each part)";
        if (need == null && v.story().equals("change")
                && ExplorerViews.parse(v.explore()).getOrDefault("eq." + s.groups().get(1), java.util.List.of()).size() != 2) {
            need = "two values of eq." + s.groups().get(1) + " (the plan, then the reality: eq." + s.groups().get(1) + "=Aprobado&eq."
                    + s.groups().get(1) + "=Ejercicio)";
        }
        if (need != null) {
            throw new DescriptionException(d.file() + ": view '" + v.id() + "': key 'explore' does not suit the story panel '"
                    + v.story() + "': it needs " + need);
        }
    }
}
