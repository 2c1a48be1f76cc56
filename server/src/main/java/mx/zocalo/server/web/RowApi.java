package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.store.QuerySlots;
import org.apache.jena.query.QueryCancelledException;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.CompiledQuery;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.RowWriter;
import mx.zocalo.server.table.Table;
import mx.zocalo.server.table.TableService;

/**
 * The row API: {@code GET /api/datasets/{slug}} (the dataset's tables and their columns) and
 * {@code GET /api/datasets/{slug}/rows} (a SoQL query of one table's rows) in JSON, CSV or GeoJSON, chosen by
 * extension ({@code rows.json}, {@code rows.csv}, {@code rows.geojson}) or by {@code Accept}; {@code rows.sparql}
 * gives the SPARQL query an answer stands for. Thin: {@link TableService} does the work. Answers carry
 * {@code X-Total-Count} (every row or group, all pages), {@code Link} to the next and previous pages, validators by data
 * version, and allow any origin (CORS). Errors are JSON ({@link ErrorPages}).
 */
final class RowApi {
    static final String TOTAL_HEADER = "X-Total-Count";
    private static final List<String> ROW_TYPES = List.of("application/json", "text/csv", "application/geo+json", "application/sparql-query");
    private static final Map<String, String> EXTENSIONS = Map.of("json", "application/json", "csv", "text/csv",
            "geojson", "application/geo+json", "sparql", "application/sparql-query");
    /** Parameters that are not column shortcuts: the page language, and cache-busting. */
    private static final Set<String> IGNORED = Set.of("lang", "_");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableService tables;
    private final Withdrawals withdrawals;
    private final PageCache cache;
    private final Templates templates;
    private final SparqlLimits limits;
    private final DelayedRefusals refusals;
    private final ClientQueries clients;

    RowApi(TableService tables, Withdrawals withdrawals, PageCache cache, Templates templates, SparqlLimits limits, DelayedRefusals refusals,
            ClientQueries clients) {
        this.refusals = refusals;
        this.clients = clients;
        this.tables = tables;
        this.withdrawals = withdrawals;
        this.cache = cache;
        this.templates = templates;
        this.limits = limits;
    }

    void register(JavalinConfig config) {
        for (String path : List.of("/api/datasets/{slug}", "/api/datasets/{slug}/rows")) {
            config.routes.options(path, RowApi::preflight);
        }
        config.routes.get("/api/datasets/{slug}", this::dataset);
        config.routes.head("/api/datasets/{slug}", this::dataset);
        config.routes.get("/api/datasets/{slug}/rows", ctx -> rows(ctx, null));
        config.routes.head("/api/datasets/{slug}/rows", ctx -> rows(ctx, null));
        for (String ext : EXTENSIONS.keySet()) {
            config.routes.get("/api/datasets/{slug}/rows." + ext, ctx -> rows(ctx, ext));
            config.routes.head("/api/datasets/{slug}/rows." + ext, ctx -> rows(ctx, ext));
            config.routes.options("/api/datasets/{slug}/rows." + ext, RowApi::preflight);
        }
    }

    /** The tables of a dataset, for programs that then ask for rows. */
    void dataset(Context ctx) throws IOException {
        cors(ctx);
        String slug = ctx.pathParam("slug");
        String lang = PageLanguage.peek(ctx);
        withdrawals.check(slug, lang);
        List<Table> list = tables.tables(slug);
        if (notModified(ctx)) return;
        ObjectNode root = JSON.createObjectNode();
        root.put("dataset", slug);
        root.put("rows", "/api/datasets/" + slug + "/rows");
        ArrayNode out = root.putArray("tables");
        for (int i = 0; i < list.size(); i++) {
            Table t = list.get(i);
            ObjectNode o = out.addObject();
            o.put("class", t.classIri());
            o.put("name", t.name());
            o.put("label", t.label(lang));
            o.set("labels", JSON.valueToTree(t.labels()));
            o.put("rows", t.rows());
            o.put("default", i == 0);
            o.put("coordinates", t.coordinates() != null);
            o.put("api", "/api/datasets/" + slug + "/rows" + (i == 0 ? "" : "?class=" + enc(t.name())));
            ArrayNode cols = o.putArray("columns");
            for (Column c : t.columns()) {
                ObjectNode col = cols.addObject();
                col.put("name", c.name());
                col.put("label", c.label(lang));
                col.set("labels", JSON.valueToTree(c.labels()));
                col.put("datatype", c.type().apiName());
                col.put("kind", c.type().kind().apiName());
                col.put("property", c.property());
                if (!c.language().isEmpty()) col.put("language", c.language());
                col.put("rows", c.rows());
                col.put("multiValued", c.multiValued());
                if (c.hasLabel()) col.putArray("subfields").add("label");
            }
        }
        ctx.contentType("application/json; charset=utf-8").result(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    void rows(Context ctx, String ext) throws IOException {
        cors(ctx);
        String slug = ctx.pathParam("slug");
        withdrawals.check(slug, PageLanguage.peek(ctx));
        String type;
        if (ext != null) {
            type = EXTENSIONS.get(ext);
        } else {
            ctx.header("Vary", "Accept");
            type = ContentNegotiation.choose(ctx.header("Accept"), ROW_TYPES).orElse(null);
        }
        RowQuery asked = RowQuery.fromParameters(ctx.queryParamMap(), IGNORED);
        if (type == null) {
            tables.compile(slug, asked); // a mistake in the query is told before the format
            throw new NotAcceptable(ROW_TYPES);
        }
        RowQuery query = asked.toBuilder().coordinates(type.equals("application/geo+json")).build();
        if (type.equals("application/sparql-query")) {
            CompiledQuery c = tables.compile(slug, query);
            ctx.contentType("application/sparql-query; charset=utf-8").result(c.sparql());
            return;
        }
        if (notModified(ctx)) return;
        RowResult r;
        String client = clients.client(ctx);
        ClientQueries.Admission admission = clients.enter(client);
        if (!admission.admitted()) {
            refusals.answerAfter(ctx, limits.queueWaitMillis(), () -> {
                ctx.header("Retry-After", String.valueOf(admission.retryAfterSeconds()));
                problem(ctx, 429, admission.code(), clients.values(admission));
            });
            return;
        }
        long started = System.nanoTime();
        try {
            r = tables.query(slug, query, !noCache(ctx));
        } catch (QuerySlots.QueryBusyException e) {
            // refused at once when enough wait already: answered when the queue wait is over, as /sparql does
            long waited = (System.nanoTime() - started) / 1_000_000;
            refusals.answerAfter(ctx, limits.queueWaitMillis() - waited, () -> {
                ctx.header("Retry-After", "5");
                unavailable(ctx, "busy", Map.of("n", String.valueOf(e.running())));
            });
            return;
        } catch (mx.zocalo.server.store.HeapWatchdog.HeapPressure e) {
            ctx.header("Retry-After", "30");
            unavailable(ctx, "memory", Map.of());
            return;
        } catch (QueryCancelledException e) {
            unavailable(ctx, "timeout", Map.of("seconds", String.valueOf(limits.timeoutSeconds())));
            return;
        } finally {
            clients.leave(client, System.nanoTime() - started);
        }
        ctx.header(TOTAL_HEADER, String.valueOf(r.total()));
        if (r.cached()) ctx.header("X-Cache", "hit");
        pageLinks(ctx, slug, r);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        switch (type) {
            case "text/csv" -> {
                RowWriter.csv(r, body);
                ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "inline; filename=\"" + slug + ".csv\"");
            }
            case "application/geo+json" -> {
                RowWriter.geojson(r, body);
                ctx.contentType("application/geo+json");
            }
            default -> {
                RowWriter.json(r, body);
                ctx.contentType("application/json; charset=utf-8");
            }
        }
        ctx.result(body.toByteArray());
    }

    /** The client asks for an answer computed now ({@code Cache-Control: no-cache}, or the older {@code Pragma}), as /sparql allows. */
    private static boolean noCache(Context ctx) {
        String cc = ctx.header("Cache-Control");
        String pragma = ctx.header("Pragma");
        return cc != null && NO_CACHE.matcher(cc).find() || pragma != null && NO_CACHE.matcher(pragma).find();
    }

    private static final java.util.regex.Pattern NO_CACHE = java.util.regex.Pattern.compile("(?i)\\b(no-cache|no-store|max-age=0)\\b");

    /** 503: every query slot is taken, or the query ran past the time limit. */
    private void unavailable(Context ctx, String code, Map<String, String> values) {
        problem(ctx, 503, code, values);
    }

    private void problem(Context ctx, int status, String code, Map<String, String> values) {
        String lang = PageLanguage.peek(ctx);
        Map<String, String> msg = templates.messages(lang);
        String message = msg.getOrDefault("rows.error." + code, code);
        for (Map.Entry<String, String> v : values.entrySet()) message = message.replace("{" + v.getKey() + "}", v.getValue());
        ctx.res().setHeader("ETag", null);
        ctx.res().setHeader("Last-Modified", null);
        ErrorResponses.Form form = ErrorResponses.form(ctx);
        ErrorResponses.send(ctx, new ErrorResponses.Problem(status, code, message),
                form == ErrorResponses.Form.HTML ? ErrorResponses.Form.JSON : form, lang, msg);
    }

    /** {@code Link} to the next and previous pages (when there are), and to the SPARQL query the answer stands for. */
    private void pageLinks(Context ctx, String slug, RowResult r) {
        long offset = number(ctx.queryParam("$offset"), 0);
        long limit = number(ctx.queryParam("$limit"), Math.min(mx.zocalo.server.table.SparqlCompiler.DEFAULT_LIMIT, tables.maxRows()));
        String path = ctx.path();
        if (limit > 0 && offset + limit < r.total()) ctx.res().addHeader("Link", "<" + with(ctx, path, offset + limit) + ">; rel=\"next\"");
        if (offset > 0) ctx.res().addHeader("Link", "<" + with(ctx, path, Math.max(0, offset - limit)) + ">; rel=\"prev\"");
        ctx.res().addHeader("Link", "</api/datasets/" + slug + "/rows.sparql" + query(ctx, null)
                + ">; rel=\"describedby\"; type=\"application/sparql-query\"");
    }

    private static long number(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String with(Context ctx, String path, long offset) {
        return path + query(ctx, offset);
    }

    /** The request's query string, with {@code $offset} set to {@code offset} (unless null). */
    private static String query(Context ctx, Long offset) {
        StringBuilder b = new StringBuilder();
        Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
        if (offset != null) params.put("$offset", List.of(String.valueOf(offset)));
        params.forEach((k, vs) -> {
            for (String v : vs) b.append(b.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v));
        });
        return b.toString();
    }

    /** Validators by data version: an unchanged answer is {@code 304 Not Modified}. */
    private boolean notModified(Context ctx) {
        PageCache.Version v = cache.version();
        String key = v.token() + "\n" + ctx.path() + "?" + ctx.queryString() + "\n" + ctx.header("Accept");
        String etag = "\"" + Integer.toHexString(key.hashCode()) + Long.toHexString(key.length()) + "\"";
        Instant modified = v.modified().truncatedTo(ChronoUnit.SECONDS);
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC)));
        ctx.header("Cache-Control", "no-cache");
        if (!PageCache.notModified(ctx, etag, modified)) return false;
        ctx.status(304);
        return true;
    }

    static void preflight(Context ctx) {
        cors(ctx);
        String asked = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
                .header("Access-Control-Allow-Headers", asked != null && !asked.isBlank() ? asked : "Accept, Accept-Language")
                .header("Access-Control-Max-Age", "86400")
                .header("Allow", "GET, HEAD, OPTIONS")
                .status(204);
    }

    static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", TOTAL_HEADER + ", X-Cache, Link, Retry-After, ETag, Content-Disposition");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
