package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;

/**
 * The explorer's links to the charts of its view, each one click away: for a grouped view the chart chosen from the
 * columns ({@link ChartRequest#type()}: a date → a line, two groups → stacked bars, else bars, largest first) and every
 * other type that fits it (stacked bars only for two groups; a pie or donut only for one grouping of at most
 * {@link ChartType#MAX_SLICES} parts, else a word that suggests bars); for rows with chosen columns, a scatter of the
 * first two number columns shown (the first may be a date).
 */
final class ChartLinks {
    private ChartLinks() {}

    /** A link to a chart: its type, its label, where it goes, whether it is the one chosen from the columns. */
    record Link(String type, String label, String href, boolean chosen) {}

    /** What the explorer offers: the links and, when a pie does not fit, why (else {@code null}). */
    record Offer(List<Link> links, String note) {
        Link chosen() {
            return links.stream().filter(Link::chosen).findFirst().orElse(null);
        }
    }

    /** The charts of grouped {@code view}, which has {@code groups} groups in all. */
    static Offer grouped(ExplorerRequest view, long groups, String path, String lang, Map<String, String> msg) {
        ChartType chosen = chosenType(view);
        List<Link> links = new ArrayList<>();
        links.add(link(view, path, chosen, true, msg));
        String note = null;
        boolean two = view.groups.size() > 1;
        for (ChartType t : ChartType.values()) {
            if (t == chosen || t == ChartType.SCATTER) continue;
            if (t == ChartType.STACKED && !two) continue;
            if (t.slices()) {
                if (two || groups > ChartType.MAX_SLICES) {
                    note = two ? msg.get("chart.notice.slicesGroups")
                            : msg.get("chart.notice.slices").replace("{n}", ChartSummary.count(groups, lang))
                                    .replace("{max}", String.valueOf(ChartType.MAX_SLICES));
                    continue;
                }
            }
            links.add(link(view, path, t, false, msg));
        }
        return new Offer(links, note);
    }

    /**
     * The scatter of a view of rows whose columns are chosen ({@code show=}): the first two number columns shown (the
     * first may be a date), else {@code null}.
     */
    static Link scatter(ExplorerRequest view, String path, Map<String, String> msg) {
        if (view.grouped() || view.allShown) return null;
        List<Column> axes = new ArrayList<>();
        for (Column c : view.shown) {
            if (c.multiValued()) continue;
            ColumnType.Kind k = c.type().kind();
            if (k == ColumnType.Kind.NUMBER || k == ColumnType.Kind.DATE && axes.isEmpty()) axes.add(c);
            if (axes.size() == 2) break;
        }
        if (axes.size() < 2 || axes.get(1).type().kind() != ColumnType.Kind.NUMBER) return null;
        String href = view.link(path, Map.of("page", List.of(), "size", List.of(), "show", List.of(),
                "type", List.of(ChartType.SCATTER.param()), "x", List.of(axes.get(0).name()), "y", List.of(axes.get(1).name())));
        return new Link(ChartType.SCATTER.param(), msg.get("chart.type.scatter"), href, true);
    }

    /** The type a grouped view is drawn as when none is asked for (as {@link ChartRequest#type()}). */
    static ChartType chosenType(ExplorerRequest view) {
        if (view.groups.get(0).type().kind() == ColumnType.Kind.DATE) return ChartType.LINE;
        return view.groups.size() == 2 ? ChartType.STACKED : ChartType.BAR;
    }

    private static Link link(ExplorerRequest view, String path, ChartType t, boolean chosen, Map<String, String> msg) {
        Map<String, List<String>> changes = chosen ? Map.of("page", List.of(), "size", List.of())
                : Map.of("page", List.of(), "size", List.of(), "type", List.of(t.param()));
        return new Link(t.param(), msg.get("chart.type." + t.param()), view.link(path, changes), chosen);
    }
}
