package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;

/**
 * The map of a table, {@code /dataset/{slug}/map}, with the explorer's parameters ({@link ExplorerRequest}: filters
 * {@code eq.}, {@code has.}, {@code from.}, {@code to.}, {@code q}, {@code class}):
 * <ul>
 *   <li>without {@code group}: the rows' points, read by the page from the row API's GeoJSON with the same filters,
 *       drawn over the boundaries of the places ({@link Places}), clustered when dense ({@code static/map.js});</li>
 *   <li>with {@code group=COL} (a column whose values are places, such as {@code dct:spatial}) and
 *       {@code agg=count|sum|avg|min|max} with {@code of=COL}: a choropleth of the explorer's grouped answer
 *       ({@link Choropleth}), with its legend, a text summary and the data table.</li>
 * </ul>
 */
final class MapPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most points a map reads (pages of the row API). */
    static final int MAX_POINTS = 50_000;

    private final TableService tables;
    private final CatalogService catalog;
    private final Templates templates;
    private final Places places;
    private final MapTiles tiles;

    MapPage(TableService tables, CatalogService catalog, Templates templates, Places places, MapTiles tiles) {
        this.tables = tables;
        this.catalog = catalog;
        this.templates = templates;
        this.places = places;
        this.tiles = tiles;
    }

    /** The explorer's view for a map: {@code agg=count} is the count; the table's own page, size, columns and order are left out. */
    static ExplorerRequest view(TableService tables, CatalogService catalog, Context ctx, String slug) {
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        List<String> agg = params.getOrDefault("agg", List.of());
        if (agg.stream().anyMatch(a -> a.trim().equalsIgnoreCase("count"))) {
            params.remove("agg");
            params.remove("of");
        }
        for (String k : List.of("page", "size", "show", "sort")) params.remove(k);
        String tableParam = params.getOrDefault("class", List.of()).stream().filter(v -> !v.isBlank()).reduce((a, b) -> b).orElse(null);
        Table table = tables.table(slug, tableParam);
        return ExplorerRequest.of(table, table.equals(tables.tables(slug).get(0)), params);
    }

    void page(Context ctx) {
        String slug = ctx.pathParam("slug");
        ExplorerRequest view = view(tables, catalog, ctx, slug);
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        String path = "/dataset/" + slug + "/map";
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("s", catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset called '" + slug + "'")).summary());
        model.put("tableLabel", view.table.label(lang));
        model.put("active", ExplorerModel.active(view, path, lang, msg));
        model.put("reset", view.tableParam == null ? path : path + "?class=" + ExplorerRequest.enc(view.tableParam));
        model.put("explore", view.link("/dataset/" + slug + "/explore", Map.of()));
        model.put("permalink", view.link(path, Map.of()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("lang", lang);
        config.put("base", places.base());
        if (tiles.enabled()) {
            config.put("tiles", tiles.url());
            model.put("tileAttribution", tiles.attribution());
        }
        if (view.grouped()) choropleth(slug, view, lang, msg, model, config);
        else points(slug, view, msg, model, config);
        model.put("config", json(config));
        Templates.send(ctx, templates.render("map", lang, model));
    }

    private void points(String slug, ExplorerRequest view, Map<String, String> msg, Map<String, Object> model, Map<String, Object> config) {
        if (view.table.coordinates() == null) {
            throw new NotFoundResponse("The table " + view.table.name() + " of dataset " + slug + " has no points (latitude and longitude, "
                    + "or a geo:asWKT point): it has no map. A column linking to places makes a choropleth: group=COLUMN");
        }
        RowQuery.Builder b = view.allPages();
        if (view.table.column("label").isPresent()) {
            b.select(List.of(new mx.zocalo.server.table.Expr.SelectItem(mx.zocalo.server.table.Expr.column("label"), null, -1)));
        }
        RowQuery q = b.limit(tables.maxRows()).build();
        config.put("mode", "points");
        config.put("data", "/api/datasets/" + slug + "/rows.geojson" + ExplorerRequest.query(ExplorerSoql.parameters(q)));
        config.put("pageSize", tables.maxRows());
        config.put("maxPoints", MAX_POINTS);
        config.put("shapes", List.of("/api/places/estado.geojson", "/api/places/municipio.geojson"));
        config.put("messages", messages(msg, "map.points.", List.of("status", "statusCapped", "withoutPoint", "cluster", "loading", "failed",
                "point", "zoomHint")));
        model.put("mode", "points");
        model.put("title", msg.get("map.points.title"));
    }

    private void choropleth(String slug, ExplorerRequest view, String lang, Map<String, String> msg, Map<String, Object> model,
            Map<String, Object> config) {
        if (view.groups.size() != 1) {
            throw ExplorerRequest.bad("map.error.groups", "group", Map.of("n", String.valueOf(view.groups.size())));
        }
        Column group = view.groups.get(0);
        if (group.type() != ColumnType.LINK) throw notPlaces(view, group);
        RowResult r = Explorer.run(() -> tables.query(slug, view.allPages().limit(tables.maxRows()).offset(0).build()));
        Choropleth c = Choropleth.of(r, view.aggregate == null ? 1 : 2, places.all(), catalog::link, LocaleFilters.locale(lang));
        if (c == null) throw notPlaces(view, group);
        String valueLabel = view.aggregate == null ? msg.get("explore.count") : msg.get("explore.agg." + view.aggregate) + " " + view.of.label(lang);
        String levelKey = "map.level." + c.level;
        model.put("mode", "choropleth");
        model.put("title", msg.get("map.choropleth.title").replace("{value}", valueLabel).replace("{level}", msg.get(levelKey + ".one")));
        model.put("valueLabel", valueLabel);
        model.put("levelLabel", msg.get(levelKey + ".one"));
        model.put("levelPlural", msg.get(levelKey + ".many"));
        model.put("legend", c.legend);
        model.put("areas", c.areas);
        model.put("noData", c.noData);
        model.put("classes", c.classes);
        model.put("left", c.left);
        model.put("summary", summary(c, valueLabel, msg, levelKey));
        model.put("sparqlLink", "/sparql?query=" + ExplorerRequest.enc(r.query().sparql()));
        config.put("mode", "choropleth");
        config.put("level", c.level);
        config.put("shapes", List.of("/api/places/" + c.level + ".geojson"));
        config.put("valueLabel", valueLabel);
        List<Map<String, Object>> areas = new ArrayList<>();
        for (Choropleth.Area a : c.areas) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("code", a.code());
            o.put("name", a.name());
            o.put("href", a.href());
            o.put("value", a.value());
            o.put("text", a.valueText());
            o.put("colour", a.colour());
            o.put("cls", a.cls());
            areas.add(o);
        }
        config.put("areas", areas);
        config.put("messages", messages(msg, "map.choropleth.", List.of("noData", "loading", "failed")));
    }

    private static String summary(Choropleth c, String valueLabel, Map<String, String> msg, String levelKey) {
        StringBuilder s = new StringBuilder();
        long withData = c.areas.stream().filter(a -> a.value() != null).count();
        s.append(msg.get("map.summary.intro").replace("{value}", valueLabel).replace("{n}", String.valueOf(withData))
                .replace("{total}", String.valueOf(c.areas.size())).replace("{places}", msg.get(levelKey + ".many")));
        if (c.highest != null) {
            s.append(' ').append(msg.get("map.summary.extremes").replace("{high}", c.highest.name()).replace("{highValue}", c.highest.valueText())
                    .replace("{low}", c.lowest.name()).replace("{lowValue}", c.lowest.valueText()));
        }
        if (c.noData > 0) s.append(' ').append(msg.get("map.summary.noData").replace("{n}", String.valueOf(c.noData)));
        if (!c.left.isEmpty()) s.append(' ').append(msg.get("map.summary.left").replace("{n}", String.valueOf(c.left.size())));
        return s.toString();
    }

    private static LocalizedBadRequest notPlaces(ExplorerRequest view, Column group) {
        String spatial = String.join(", ", view.table.columns().stream()
                .filter(c -> c.type() == ColumnType.LINK && !c.multiValued() && c.property().equals("http://purl.org/dc/terms/spatial"))
                .map(Column::name).toList());
        return ExplorerRequest.bad("map.error.not-places", "group", Map.of("name", group.name(), "columns", spatial.isEmpty() ? "-" : spatial));
    }

    private static Map<String, String> messages(Map<String, String> msg, String prefix, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) out.put(k, msg.getOrDefault(prefix + k, k));
        return out;
    }

    /** JSON for a {@code <script type="application/json">}: no {@code </} that would end the element. */
    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
