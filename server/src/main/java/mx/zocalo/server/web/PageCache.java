package mx.zocalo.server.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCTerms;

/**
 * Conditional GET and an in-memory page cache, both keyed by the store's version: the catalog's
 * {@code dct:modified} in {@code {base}graph/catalog}, which every publish sets in the same write transaction as
 * the data. A request is identified by its path, query, {@code Accept} header and page language; its
 * {@code ETag} is a hash of that and the version, {@code Last-Modified} is the version's time. A publish changes
 * the version, so every validator and cache entry made before it stops matching (entries age out of the bounded
 * cache).
 */
final class PageCache {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final List<String> COPIED = List.of("Content-Type", "Link", "Vary", "Content-Language");

    /** One stored response: a 200 with its body and the headers worth replaying. */
    record Entry(byte[] body, Map<String, String> headers) {}

    /** What the current data is: a token for validators and the time it was published. */
    record Version(String token, Instant modified) {}

    private final Store store;
    private final PortalIris iris;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Cache<String, Entry> cache;

    PageCache(Store store, PortalIris iris, long maxBytes) {
        this.store = store;
        this.iris = iris;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String k, Entry e) -> k.length() * 2 + e.body().length + 200).build();
    }

    /** The version of the data now (one lookup in the catalog graph). */
    Version version() {
        String modified = store.read(dsg -> {
            var it = dsg.find(iris.catalogGraph(), iris.catalog(), DCTerms.modified.asNode(), Node.ANY);
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        });
        if (modified == null) return new Version("start-" + started.toEpochMilli(), started);
        Instant t;
        try {
            t = Instant.parse(modified);
        } catch (DateTimeParseException e) {
            t = started;
        }
        return new Version(modified, t);
    }

    /**
     * Wraps a GET/HEAD handler: answers {@code 304} when the client's validators still hold, replays a cached 200,
     * or runs the handler and keeps its 200 (when it produced a body in memory).
     */
    Handler wrap(Handler handler) {
        return ctx -> handle(ctx, handler);
    }

    private void handle(Context ctx, Handler handler) throws Exception {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            handler.handle(ctx);
            return;
        }
        Version v = version();
        String lang = PageLanguage.peek(ctx);
        if (ctx.queryParam("lang") != null) PageLanguage.of(ctx); // remember the choice even when the page comes from the cache
        String query = ctx.queryString();
        String key = v.token() + "\n" + ctx.path() + (query == null ? "" : "?" + query) + "\n"
                + nz(ctx.header("Accept")) + "\n" + lang;
        String etag = "\"" + hash(key) + "\"";
        Instant modified = v.modified().truncatedTo(ChronoUnit.SECONDS);
        Entry cached = cache.getIfPresent(key);
        if (notModified(ctx, etag, modified)) {
            validators(ctx, etag, modified);
            if (cached != null) copyHeaders(cached, ctx);
            ctx.header("Vary", "Accept, Accept-Language");
            ctx.status(304);
            return;
        }
        if (cached != null) {
            copyHeaders(cached, ctx);
            validators(ctx, etag, modified);
            ctx.header("X-Cache", "hit");
            ctx.status(200).result(cached.body());
            return;
        }
        ctx.res().setHeader("Set-Cookie", null); // the handler sets the language cookie itself
        handler.handle(ctx);
        if (ctx.statusCode() != 200) return;
        validators(ctx, etag, modified);
        ctx.header("Vary", "Accept, Accept-Language");
        InputStream result = ctx.resultInputStream();
        if (result == null) return; // streamed straight to the client: not kept
        byte[] body;
        try (result) {
            body = result.readAllBytes();
        } catch (IOException e) {
            return;
        }
        ctx.result(body);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : COPIED) {
            String value = ctx.res().getHeader(h);
            if (value != null) headers.put(h, value);
        }
        cache.put(key, new Entry(body, headers));
    }

    private static void copyHeaders(Entry e, Context ctx) {
        e.headers().forEach((name, value) -> {
            if (name.equals("Content-Type")) ctx.contentType(value);
            else ctx.header(name, value);
        });
    }

    private static void validators(Context ctx, String etag, Instant modified) {
        ctx.header("ETag", etag);
        ctx.header("Last-Modified", HTTP_DATE.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC)));
        ctx.header("Cache-Control", "no-cache");
    }

    /** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since. */
    static boolean notModified(Context ctx, String etag, Instant modified) {
        String inm = ctx.header("If-None-Match");
        if (inm != null) {
            for (String tag : inm.split(",")) {
                String t = tag.trim();
                if (t.startsWith("W/")) t = t.substring(2);
                if (t.equals(etag)) return true;
            }
            return false;
        }
        String ims = ctx.header("If-Modified-Since");
        if (ims == null) return false;
        try {
            Instant since = ZonedDateTime.parse(ims.trim(), HTTP_DATE).toInstant();
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    long size() {
        return cache.estimatedSize();
    }

    void clear() {
        cache.invalidateAll();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
