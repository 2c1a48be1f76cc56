package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.table.Expr;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;

/**
 * Charts of the explorer's views: {@code /dataset/{slug}/chart?<the explorer's parameters>&type=...} draws the view's
 * groups (or, for a scatter, its rows) as bars, lines, a pie, a treemap or points ({@link ChartRequest}); its numbers
 * are the explorer's, asked of {@link TableService} by the same query ({@link Explorer#all}). The page says the chart
 * in words ({@link ChartSummary}) and shows the table behind it, so it reads without script; {@code site/static/chart.js}
 * draws it with Apache ECharts. {@code /embed/dataset/{slug}/chart?...} is the same chart without the site's header
 * and footer, the one kind of page other sites may frame ({@link Framing}).
 */
final class Charts {
    /** Groups read at most for a chart (the largest first when the view has no order of its own). */
    static final int MAX_GROUPS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TableService tables;
    private final CatalogService catalog;
    private final Templates templates;
    private final Explorer explorer;
    private final PortalIris iris;

    Charts(TableService tables, CatalogService catalog, Templates templates, Explorer explorer, PortalIris iris) {
        this.tables = tables;
        this.catalog = catalog;
        this.templates = templates;
        this.explorer = explorer;
        this.iris = iris;
    }

    void page(Context ctx) {
        render(ctx, false);
    }

    void embed(Context ctx) {
        render(ctx, true);
    }

    private void render(Context ctx, boolean embed) {
        String slug = ctx.pathParam("slug");
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        Map<String, List<String>> params = ctx.queryParamMap();
        String tableParam = params.getOrDefault("class", List.of()).stream().filter(v -> !v.isBlank()).reduce((a, b) -> b).orElse(null);
        Table table = tables.table(slug, tableParam);
        ChartRequest req = ChartRequest.of(table, table.equals(tables.tables(slug).get(0)), params);
        ExplorerRequest view = req.view;
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        ChartType type = req.type();
        Map<String, List<String>> explorerParams = req.explorerParameters();

        RowResult r;
        ChartFigure figure;
        String valueTitle;
        String categoryTitle = null;
        String seriesTitle = null;
        ChartNumbers.Unit unit;
        boolean additive;
        if (type == ChartType.SCATTER) {
            RowQuery.Builder b = view.allPages();
            List<Expr.SelectItem> select = new ArrayList<>();
            boolean named = table.column("label").isPresent() && !req.x.name().equals("label") && !req.y.name().equals("label");
            if (named) select.add(new Expr.SelectItem(Expr.column("label"), null, -1));
            select.add(new Expr.SelectItem(Expr.column(req.x.name()), null, -1));
            select.add(new Expr.SelectItem(Expr.column(req.y.name()), null, -1));
            b.select(select).and(Expr.isNotNull(Expr.column(req.x.name()))).and(Expr.isNotNull(Expr.column(req.y.name())));
            r = explorer.all(slug, b, ChartFigure.MAX_POINTS);
            figure = ChartFigure.scatter(r, named);
            valueTitle = req.y.label(lang);
            categoryTitle = req.x.label(lang);
            unit = ChartNumbers.Unit.of(valueTitle);
            additive = false;
        } else {
            String measure = view.aggregate != null ? view.aggregateName() : "count";
            int measureIndex = view.groups.size() + (view.aggregate != null ? 1 : 0);
            RowQuery.Builder b = view.allPages();
            boolean byValue = view.sort == null && view.groups.get(0).type().kind() != mx.zocalo.server.table.ColumnType.Kind.DATE
                    && type != ChartType.LINE;
            if (byValue && view.groups.size() == 1) {
                b.order(List.of(new Expr.OrderItem(Expr.column(measure), true)));
                explorerParams.put("sort", List.of("-" + measure));
            }
            r = explorer.all(slug, b, MAX_GROUPS);
            figure = ChartFigure.grouped(type, view.groups, r, measureIndex, view.sort != null, LocaleFilters.locale(lang), msg);
            valueTitle = view.aggregate != null ? msg.get("explore.agg." + view.aggregate) + " " + view.of.label(lang) : msg.get("explore.count");
            categoryTitle = view.groups.get(0).label(lang);
            if (view.groups.size() > 1) seriesTitle = view.groups.get(1).label(lang);
            unit = view.aggregate != null ? ChartNumbers.Unit.of(view.of.label(lang)) : ChartNumbers.Unit.NONE;
            additive = view.aggregate == null || view.aggregate.equals("sum");
            if (req.chosen() && type == ChartType.BAR && view.groups.size() == 1 && figure.categories.stream().anyMatch(c -> c.length() > 12)) {
                figure.type = ChartType.HBAR;
            }
        }

        List<String> notices = new ArrayList<>();
        boolean drawn = !r.rows().isEmpty(); // nothing to draw: the summary says so
        String barsLink = null;
        if (figure.type.slices()) {
            int parts = view.groups.size() > 1 ? -1 : figure.categories.size();
            if (parts < 0 || parts > ChartType.MAX_SLICES) {
                drawn = false;
                barsLink = link(req, "/dataset/" + slug + "/chart", Map.of("type", List.of("hbar")));
                notices.add(parts < 0 ? msg.get("chart.notice.slicesGroups")
                        : msg.get("chart.notice.slices").replace("{n}", ChartSummary.count(parts, lang)).replace("{max}", String.valueOf(ChartType.MAX_SLICES)));
            }
        }
        if (figure.dropped > 0 && drawn) notices.add(msg.get("chart.notice.dropped").replace("{n}", ChartSummary.count(figure.dropped, lang)));
        if (figure.leftOut > 0) notices.add(msg.get("chart.notice.leftOut").replace("{shown}", String.valueOf(ChartFigure.MAX_CATEGORIES))
                .replace("{n}", ChartSummary.count(figure.leftOut, lang)));
        if (figure.seriesLeftOut > 0) notices.add(msg.get("chart.notice.seriesLeftOut").replace("{shown}", String.valueOf(ChartFigure.MAX_SERIES))
                .replace("{n}", ChartSummary.count(figure.seriesLeftOut, lang)));
        if (r.total() > r.rows().size()) notices.add(msg.get("chart.notice.capped").replace("{shown}", ChartSummary.count(r.rows().size(), lang))
                .replace("{n}", ChartSummary.count(r.total(), lang)));

        CatalogService.DatasetDetail detail = catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset called '" + slug + "'"));
        CatalogService.DatasetSummary s = detail.summary();
        String title = type == ChartType.SCATTER
                ? msg.get("chart.title.scatter").replace("{y}", valueTitle).replace("{x}", categoryTitle)
                : msg.get(seriesTitle == null ? "chart.title.one" : "chart.title.two").replace("{value}", valueTitle)
                        .replace("{category}", categoryTitle).replace("{series}", String.valueOf(seriesTitle));
        title = title.isEmpty() ? title : title.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + title.substring(1);
        String path = "/dataset/" + slug + "/chart";
        Map<String, Object> spec = figure.spec();
        spec.put("lang", lang);
        spec.put("unit", unit.param());
        spec.put("title", title);
        spec.put("valueTitle", valueTitle);
        spec.put("categoryTitle", categoryTitle);
        if (seriesTitle != null) spec.put("seriesTitle", seriesTitle);
        spec.put("source", msg.get("chart.source") + ": " + s.title() + (s.publisher() == null || s.publisher().isBlank() ? "" : ", " + s.publisher()));
        spec.put("file", slug + "-" + figure.type.param());

        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("s", s);
        model.put("embed", embed);
        model.put("title", title);
        model.put("tableLabel", table.label(lang));
        model.put("type", figure.type.param());
        model.put("drawn", drawn);
        model.put("spec", drawn ? json(spec) : null);
        model.put("summary", ChartSummary.of(figure, unit, additive, categoryTitle, valueTitle, lang, msg));
        model.put("notices", notices);
        model.put("active", ExplorerModel.active(view, path, lang, msg).stream().map(ExplorerModel.Active::text).toList());
        model.put("barsLink", barsLink);
        model.put("headers", ExplorerModel.headers(view, r, path, lang, msg));
        model.put("rows", ExplorerModel.rows(r, catalog::link, lang, msg));
        model.put("permalink", link(req, path, Map.of()));
        model.put("canonical", iris.base() + link(req, path, Map.of()).substring(1));
        String embedPath = link(req, "/embed" + path, Map.of());
        model.put("embedLink", embedPath);
        model.put("embedUrl", iris.base() + embedPath.substring(1));
        model.put("explore", "/dataset/" + slug + "/explore" + ExplorerRequest.query(explorerParams));
        model.put("csv", "/dataset/" + slug + "/explore.csv" + ExplorerRequest.query(explorerParams));
        model.put("sparqlLink", "/sparql?query=" + URLEncoder.encode(r.query().sparql(), StandardCharsets.UTF_8));
        model.put("types", types(req, path, figure.type, view.grouped() && view.groups.size() == 1 ? r.total() : -1, lang, msg));
        model.put("publisher", s.publisher());
        model.put("publisherHomepage", detail.publisherHomepage());
        Templates.send(ctx, templates.render(embed ? "chart-embed" : "chart", lang, model));
    }

    /** A link to another chart type of the same view. */
    record TypeLink(String label, String href, boolean current) {}

    /** The other types of a grouped view ({@code parts} groups of one grouping, -1 for two): those that fit it, as the explorer offers them. */
    private static List<TypeLink> types(ChartRequest req, String path, ChartType current, long parts, String lang, Map<String, String> msg) {
        List<TypeLink> out = new ArrayList<>();
        if (!req.view.grouped()) return out;
        for (ChartType t : ChartType.values()) {
            if (t == ChartType.SCATTER || t == ChartType.STACKED && req.view.groups.size() < 2 && current != t) continue;
            if (t.slices() && current != t && (parts < 0 || parts > ChartType.MAX_SLICES)) continue;
            out.add(new TypeLink(msg.get("chart.type." + t.param()), link(req, path, Map.of("type", List.of(t.param()))), t == current));
        }
        return out;
    }

    private static String link(ChartRequest req, String path, Map<String, List<String>> changes) {
        Map<String, List<String>> p = new LinkedHashMap<>(req.parameters());
        p.putAll(changes);
        return path + ExplorerRequest.query(p);
    }

    /** JSON safe inside a {@code <script>} element. */
    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
