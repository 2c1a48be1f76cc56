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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * Conditional GET and an in-memory page cache, both keyed by the store's version: the catalogs'
 * {@code dct:modified} in {@code {base}graph/catalog}, which every publish (and harvest) sets in the same write
 * transaction as the data; with a remote store, also the current period of {@link Store#maxAge()}. A request is identified by its path, query, {@code Accept} header and page language; its
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
    private final mx.zocalo.server.store.VersionedEntries old;
    /** False with a size of 0: pages are made on every request; validators still answer 304. */
    private final boolean keeps;

    PageCache(Store store, PortalIris iris, long maxBytes) {
        this.store = store;
        this.iris = iris;
        this.keeps = maxBytes > 0;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String k, Entry e) -> k.length() * 2 + e.body().length + 200).build();
        this.old = new mx.zocalo.server.store.VersionedEntries(cache.asMap()); // a new data version drops the old pages
    }

    /**
     * The version of the data now: the {@code dct:modified} of every catalog in the catalog graph (the portal's, set by
     * every publish, and the harvested sub-catalogs, set by every harvest). With a store that other programs may
     * write ({@link Store#maxAge()}), the version also moves on at the end of every such period, so that nothing made
     * from the store is reused for longer than that.
     */
    Version version() {
        List<String> modified = store.read(dsg -> {
            List<String> found = new ArrayList<>();
            dsg.find(iris.catalogGraph(), Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()).forEachRemaining(c ->
                    dsg.find(iris.catalogGraph(), c.getSubject(), DCTerms.modified.asNode(), Node.ANY).forEachRemaining(m -> {
                        if (m.getObject().isLiteral()) found.add(m.getObject().getLiteralLexicalForm());
                    }));
            return found;
        });
        Collections.sort(modified);
        String token = modified.isEmpty() ? "start-" + started.toEpochMilli() : String.join(" ", modified);
        Instant t = null; // the latest of them
        for (String m : modified) {
            try {
                Instant i = Instant.parse(m);
                if (t == null || i.isAfter(t)) t = i;
            } catch (DateTimeParseException e) {
                // not a timestamp: the start time stands in
            }
        }
        if (t == null) t = started;
        Optional<Duration> maxAge = store.maxAge();
        if (maxAge.isPresent()) {
            long age = maxAge.get().toMillis();
            long now = System.currentTimeMillis();
            if (age <= 0) return new Version(token + " @" + System.nanoTime(), Instant.ofEpochMilli(now));
            long period = (now - started.toEpochMilli()) / age; // periods counted from the start of this process
            Instant periodStart = Instant.ofEpochMilli(started.toEpochMilli() + period * age);
            return new Version(token + " @" + period, t.isAfter(periodStart) ? t : periodStart);
        }
        return new Version(token, t);
    }

    /**
     * Wraps a GET/HEAD handler: answers {@code 304} when the client's validators still hold, replays a cached 200,
     * or runs the handler and keeps its 200 (when it produced a body in memory).
     */
    Handler wrap(Handler handler) {
        return ctx -> handle(ctx, handler);
    }

    private void handle(Context ctx, Handler handler) throws Exception {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD || Signed.principal(ctx) != null) {
            // a signed-in user's pages carry their name and tokens: never kept, never served from the cache
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
        old.asked(v.token());
        Entry cached = cache.getIfPresent(key);
        if (notModified(ctx, etag, modified)) {
            validators(ctx, etag, modified);
            if (cached != null) copyHeaders(cached, ctx);
            ctx.header("Vary", "Accept, Accept-Language");
            ctx.status(304);
            return;
        }
        mx.zocalo.server.ops.PortalMetrics.pageCache(cached != null);
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
        if (keeps) cache.put(key, new Entry(body, headers));
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
