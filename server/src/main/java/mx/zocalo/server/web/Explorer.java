package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.store.QuerySlots;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.RowWriter;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;
import org.apache.jena.query.QueryCancelledException;

/**
 * The table explorer, {@code /dataset/{slug}/explore}: one table of a dataset (the rows of a class) filtered, sorted,
 * paged, its columns chosen, or grouped with a count and an aggregate; every state in the URL
 * ({@link ExplorerRequest}), rendered on the server (no script needed), and downloadable as CSV or JSON, all pages, at
 * {@code /dataset/{slug}/explore.csv} and {@code .json} with the same parameters. Every answer comes from
 * {@link TableService}, the row API's service.
 */
final class Explorer {
    private final TableService tables;
    private final CatalogService catalog;
    private final Templates templates;
    private final ExplorerFacets facets;
    private final Places places;

    Explorer(TableService tables, CatalogService catalog, Templates templates, Places places) {
        this.tables = tables;
        this.catalog = catalog;
        this.templates = templates;
        this.facets = new ExplorerFacets(tables);
        this.places = places;
    }

    /** The request's view, or a 303 to its canonical URL (no empty fields, no defaults) when it differs. */
    private ExplorerRequest request(Context ctx, String slug) {
        if (!catalog.hasDataset(slug)) throw new NotFoundResponse("No dataset called '" + slug + "'");
        Map<String, List<String>> params = ctx.queryParamMap();
        String tableParam = params.getOrDefault("class", List.of()).stream().filter(v -> !v.isBlank()).reduce((a, b) -> b).orElse(null);
        Table table = tables.table(slug, tableParam);
        return ExplorerRequest.of(table, table.equals(tables.tables(slug).get(0)), params);
    }

    void page(Context ctx) {
        String slug = ctx.pathParam("slug");
        String path = "/dataset/" + slug + "/explore";
        ExplorerRequest view = request(ctx, slug);
        String canonical = canonical(ctx, view, path);
        if (canonical != null) {
            ctx.redirect(canonical, HttpStatus.SEE_OTHER);
            return;
        }
        String lang = PageLanguage.of(ctx);
        Map<String, String> msg = templates.messages(lang);
        RowResult r = run(() -> tables.query(slug, view.query()));
        long pages = Math.max(1, (r.total() + view.size - 1) / view.size);
        if (view.page > pages) {
            throw ExplorerRequest.bad("explore.error.page", "page", Map.of("value", String.valueOf(view.page), "pages", String.valueOf(pages)));
        }
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("s", catalog.dataset(slug, lang).orElseThrow(() -> new NotFoundResponse("No dataset called '" + slug + "'")).summary());
        model.put("action", path);
        model.put("table", view.table);
        model.put("tableLabel", view.table.label(lang));
        List<Table> all = tables.tables(slug);
        if (all.size() > 1) model.put("tables", ExplorerModel.tables(all, view.table, lang));
        model.put("tableParam", view.tableParam);
        model.put("search", view.search);
        model.put("active", ExplorerModel.active(view, path, lang, msg));
        model.put("sortParam", view.sort == null ? null : (view.descending ? "-" : "") + view.sort);
        model.put("columns", ExplorerModel.columns(view, lang, run(() -> facets.of(slug, view))));
        model.put("groups", view.groups.stream().map(Column::name).toList());
        model.put("aggregate", view.aggregate);
        model.put("of", view.of == null ? null : view.of.name());
        model.put("aggregates", ExplorerRequest.AGGREGATES);
        model.put("numberColumns", ExplorerModel.numberColumns(view.table, lang));
        model.put("sizes", ExplorerRequest.SIZES);
        model.put("size", view.size);
        model.put("grouped", view.grouped());
        model.put("headers", ExplorerModel.headers(view, r, path, lang, msg));
        model.put("rows", ExplorerModel.rows(r, catalog::link, lang, msg));
        long from = r.rows().isEmpty() ? 0 : (view.page - 1) * view.size + 1;
        model.put("from", from);
        model.put("to", from == 0 ? 0 : from + r.rows().size() - 1);
        model.put("total", r.total());
        model.put("page", view.page);
        model.put("pages", pages);
        if (view.page > 1) {
            model.put("first", view.link(path, Map.of("page", List.of())));
            model.put("previous", view.link(path, Map.of("page", view.page == 2 ? List.of() : List.of(String.valueOf(view.page - 1)))));
        }
        if (view.page < pages) {
            model.put("next", view.link(path, Map.of("page", List.of(String.valueOf(view.page + 1)))));
            model.put("last", view.link(path, Map.of("page", List.of(String.valueOf(pages)))));
        }
        Map<String, List<String>> download = new LinkedHashMap<>(Map.of("page", List.of(), "size", List.of()));
        model.put("csv", view.link(path + ".csv", download));
        model.put("json", view.link(path + ".json", download));
        model.put("permalink", view.link(path, Map.of()));
        String chartPath = "/dataset/" + slug + "/chart";
        if (view.grouped()) {
            ChartLinks.Offer charts = ChartLinks.grouped(view, r.total(), chartPath, lang, msg);
            model.put("chartLink", charts.chosen().href());
            model.put("chartChosen", charts.chosen().label());
            model.put("chartTypes", charts.links().subList(1, charts.links().size()));
            model.put("chartNote", charts.note());
        } else {
            ChartLinks.Link scatter = ChartLinks.scatter(view, chartPath, msg);
            if (scatter != null) model.put("scatterLink", scatter.href());
        }
        model.put("reset", view.tableParam == null ? path : path + "?class=" + ExplorerRequest.enc(view.tableParam));
        model.put("sparqlLink", "/sparql?query=" + URLEncoder.encode(r.query().sparql(), StandardCharsets.UTF_8));
        model.put("api", "/api/datasets/" + slug + "/rows" + ExplorerRequest.query(ExplorerSoql.parameters(view.query())));
        model.put("filtered", !view.filters.isEmpty() || view.search != null);
        model.put("mapLink", MapLinks.of(view, r, places, "/dataset/" + slug + "/map"));
        Templates.send(ctx, templates.render("explore", lang, model));
    }

    /** {@code explore.csv} and {@code explore.json}: every row (or group) of the view, all pages, its columns, its order. */
    void download(Context ctx, String ext) throws IOException {
        String slug = ctx.pathParam("slug");
        ExplorerRequest view = request(ctx, slug);
        RowResult all = all(slug, view.allPages(), Long.MAX_VALUE);
        long total = all.total();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String name = slug + (view.tableParam == null ? "" : "-" + view.table.name());
        if (ext.equals("csv")) {
            RowWriter.csv(all, body);
            ctx.contentType("text/csv; charset=utf-8");
        } else {
            RowWriter.json(all, body);
            ctx.contentType("application/json; charset=utf-8");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "." + ext + "\"");
        ctx.header(RowApi.TOTAL_HEADER, String.valueOf(total));
        ctx.result(body.toByteArray());
    }

    /**
     * Every row (or group) {@code b} asks for, at most {@code max}, read a page of the service's largest size at a
     * time: what the downloads and the charts ({@link Charts}) show. Its total counts them all.
     */
    RowResult all(String slug, RowQuery.Builder b, long max) {
        int step = tables.maxRows();
        List<Row> rows = new ArrayList<>();
        RowResult first = null;
        long total = 0;
        for (long offset = 0; (first == null || offset < total) && rows.size() < max; offset += step) {
            RowQuery q = b.limit(Math.min(step, max - rows.size())).offset(offset).build();
            RowResult page = run(() -> tables.query(slug, q));
            if (first == null) {
                first = page;
                total = page.total();
            }
            rows.addAll(page.rows());
            if (page.rows().size() < step) break;
        }
        return new RowResult(first.query(), rows, total, false);
    }

    /** Runs a query of the service (the explorer's and the map's): every slot taken, past the time limit or the heap full is 503, as the row API says it. */
    static <T> T run(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (QuerySlots.QueryBusyException e) {
            throw new io.javalin.http.HttpResponseException(503, "Every query slot is taken (" + e.running() + " queries running); try again in a few seconds",
                    java.util.Map.of("Retry-After", "5")); // as /sparql and the row API say it
        } catch (mx.zocalo.server.store.HeapWatchdog.HeapPressure e) {
            throw new io.javalin.http.HttpResponseException(503, "The portal's memory was nearly full; add filters and try again in a moment",
                    java.util.Map.of("Retry-After", "30"));
        } catch (QueryCancelledException e) {
            throw new io.javalin.http.HttpResponseException(503, "The query ran past the time limit; add filters and try again");
        }
    }

    /** The canonical URL when the request's differs from it (empty fields of a form, defaults), else {@code null}. */
    private static String canonical(Context ctx, ExplorerRequest view, String path) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        Map<String, List<String>> other = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> (ExplorerRequest.isOwn(k) ? own : other).put(k, v));
        Map<String, List<String>> wanted = view.parameters();
        if (own.equals(wanted)) return null;
        Map<String, List<String>> all = new LinkedHashMap<>(wanted);
        other.forEach(all::putIfAbsent);
        return path + ExplorerRequest.query(all);
    }
}
