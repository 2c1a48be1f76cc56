package mx.zocalo.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Bad requests for every route of the portal: from its route list ({@code METHOD /pattern}, as
 * {@code PortalServer.routes()} gives it), each pattern made concrete with sample values, then broken one way at a
 * time — the request line (garbage, unknown versions and methods, control bytes), the address (bad percent-encoding,
 * invalid UTF-8, path traversal plain and encoded, huge paths and query strings, absurd parameter values), the headers
 * (malformed lines, 64 KB+ values, hundreds of headers, absurd {@code Accept}, {@code Accept-Language} and
 * {@code Range}, bad {@code Content-Length} and chunked bodies) and the body of writing routes.
 *
 * <p>{@link #fixed} is the same short set every time (each route × each kind of damage once, for the test);
 * {@link #random} draws {@code n} probes from a seed, mixing several kinds of damage in one request (for
 * {@code zocalo bench fuzz}).
 */
public final class FuzzRequests {
    static final String ES = "es-MX,es;q=0.9";
    static final String EN = "en-US,en;q=0.8";

    /**
     * One request: a label saying what was broken, its method and target (for the report), the raw bytes, the
     * language it asks for, and whether that language can be read by the server at all (not when the request line or
     * the headers themselves are what is broken: then Spanish, the portal's default, is right too).
     */
    public record Probe(String label, String method, String target, byte[] bytes, String lang, boolean languageReadable) {
        public boolean head() {
            return method.equals("HEAD");
        }
    }

    /** A request being built: one line, headers, a body. */
    static final class Req {
        String method;
        String target;
        String version = "HTTP/1.1";
        final List<String> headers = new ArrayList<>();
        byte[] body = new byte[0];
        String lang;
        boolean readable = true;
        boolean contentLength = true;
        String label;
        byte[] rawLine; // the request line replaced by these bytes

        Req(String method, String target, String lang) {
            this.method = method;
            this.target = target;
            this.lang = lang;
            headers.add("Host: localhost");
            headers.add("Accept-Language: " + (lang.equals("en") ? EN : ES));
        }

        Req header(String h) {
            headers.add(h);
            return this;
        }

        Req replace(String name, String value) {
            headers.removeIf(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1));
            if (value != null) headers.add(name + ": " + value);
            return this;
        }

        Probe probe() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] line = rawLine != null ? rawLine : (method + " " + target + " " + version).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(line);
            out.writeBytes(CRLF);
            for (String h : headers) {
                out.writeBytes(h.getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
            }
            if (contentLength && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
                out.writeBytes(("Content-Length: " + body.length).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(CRLF);
            }
            out.writeBytes("Connection: close".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(CRLF);
            out.writeBytes(CRLF);
            out.writeBytes(body);
            return new Probe(label, method, target.length() > 120 ? target.substring(0, 120) + "…" : target, out.toByteArray(), lang, readable);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** One kind of damage done to a request. */
    record Damage(String name, BiFunction<Req, Random, Req> apply) {}

    static final List<String> ACCEPTS = List.of("*/*;q=abc", "text/html;q=2", ";;;,,,  ,", "a/b/c/d", "application/json;q=0.0001, image/png",
            "image/png", "*/html", "text/*;level=1;q=0.5;q=0.9", "é/ü", "text/html;q=-1, */*;q=NaN", "application/sparql-results+json;q=0",
            "x".repeat(9000), "text/turtle, " + "application/x-" + "y,application/x-".repeat(900) + "z");
    static final List<String> LANGUAGES = List.of("xx-YY;q=nan", "en;q=2", "*", "-", "en-US-x-" + "a".repeat(300), ",,,;", "zh, " + "fr;q=0.1, ".repeat(500));
    static final List<String> RANGES = List.of("bytes=999999999-1", "bytes=-0", "bytes=" + "0-0,".repeat(500) + "0-0", "bytes=abc",
            "lines=1-2", "bytes=-99999999999999999999999", "bytes=5-2", "bytes=0-", "bytes=" + Long.MAX_VALUE + "-");
    static final List<String> BAD_PATHS = List.of("%zz", "%", "%C3%28", "%FF%FE", "%C0%AF", "%00", "..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e/%2e%2e/etc/passwd", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%252e%252e%252f", ";jsessionid=x", "//x//",
            "%E2%80%AE", "%F0%9F%98%80", "x".repeat(9000), "ñ", "\u202e", "a%20b%09c");
    static final List<String> BAD_QUERIES = List.of("lang=xx&page=-1", "page=99999999999999999999999", "pageSize=0", "q=%zz", "q=%C3%28",
            "lang=en&lang=es", "format=zzz", "query=%", "query=" + "SELECT%20".repeat(20), "$limit=-5&$offset=abc", "$where=(((((",
            "a=" + "b".repeat(70_000), "x=" + "%FF".repeat(2000), "modified_since=ayer&pageSize=abc", "query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D+OFFSET+100000000");
    static final List<String> METHODS = List.of("FROBNICATE", "PROPFIND", "TRACE", "CONNECT", "get", "PATCH", "M".repeat(300), "DELETE", "PUT", "OPTIONS");

    static final List<Damage> DAMAGES = List.of(
            new Damage("none", (q, r) -> q),
            new Damage("bad path", (q, r) -> {
                String bad = pick(BAD_PATHS, r);
                q.target = path(q.target) + (path(q.target).endsWith("/") ? "" : "/") + bad + query(q.target);
                q.readable = false; // Jetty may refuse the request line before reading a header
                return q;
            }),
            new Damage("bad query", (q, r) -> {
                String bad = pick(BAD_QUERIES, r);
                q.target = path(q.target) + (q.target.contains("?") ? query(q.target) + "&" : "?") + bad;
                q.readable = false;
                return q;
            }),
            new Damage("absurd Accept", (q, r) -> {
                String accept = pick(ACCEPTS, r);
                q.readable &= accept.length() < 4000; // a longer one passes Jetty's 8 KB of headers: 431 before they are read
                return q.replace("Accept", accept);
            }),
            new Damage("absurd Accept-Language", (q, r) -> {
                q.readable = false;
                return q.replace("Accept-Language", pick(LANGUAGES, r));
            }),
            new Damage("absurd Range", (q, r) -> q.replace("Range", pick(RANGES, r)).header("If-Range: \"nope\"")),
            new Damage("unknown method", (q, r) -> {
                q.method = pick(METHODS, r);
                q.readable &= !q.method.equals("M".repeat(300)) && !q.method.equals("CONNECT"); // refused with the line
                return q;
            }),
            new Damage("huge header", (q, r) -> {
                q.readable = false;
                return q.header("X-Huge: " + "h".repeat(66_000 + r.nextInt(30_000)));
            }),
            new Damage("many headers", (q, r) -> {
                for (int i = 0; i < 300; i++) q.header("X-Many-" + i + ": " + "v".repeat(100));
                q.readable = false;
                return q;
            }),
            new Damage("malformed header", (q, r) -> {
                q.readable = false;
                return q.header(pick(List.of("NoColonHere", ": empty name", "Bad Name: x", "X-Ctl: a\u0001b", "X-Fold: a\r\n folded",
                        "Content-Length: -1", "Content-Length: abc", "Content-Length: 1\r\nContent-Length: 2", "Host: a\r\nHost: b",
                        "Transfer-Encoding: chunked, identity", "Cookie: " + "zocalo_session=%%%;".repeat(200),
                        "Authorization: Bearer " + "%".repeat(500), "If-None-Match: \"" + "x".repeat(5000), "Expect: 100-banana"), r));
            }),
            new Damage("bad body", (q, r) -> {
                String kind = pick(List.of("form", "multipart", "json", "chunked", "short"), r);
                if (!q.method.equals("POST") && !q.method.equals("PUT")) q.method = "POST";
                switch (kind) {
                    case "form" -> {
                        q.replace("Content-Type", "application/x-www-form-urlencoded");
                        q.body = ("query=%zz&csrf=%C3%28&" + "a=".repeat(2000)).getBytes(StandardCharsets.UTF_8);
                    }
                    case "multipart" -> {
                        q.replace("Content-Type", "multipart/form-data; boundary=zz");
                        q.body = "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x.csv\"\r\n\r\na,b\r\n--y"
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    case "json" -> {
                        q.replace("Content-Type", "application/json");
                        q.body = "{\"metadata\": [[[[[[{\"slug\": \"\\ud800\"".getBytes(StandardCharsets.UTF_8);
                    }
                    case "chunked" -> {
                        q.contentLength = false;
                        q.replace("Content-Type", "application/sparql-query");
                        q.header("Transfer-Encoding: chunked");
                        q.body = "zz\r\nSELECT\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                        q.readable = false;
                    }
                    default -> {
                        q.contentLength = false;
                        q.replace("Content-Type", "application/x-www-form-urlencoded");
                        q.header("Content-Length: 100000");
                        q.body = "query=ASK".getBytes(StandardCharsets.US_ASCII);
                        q.readable = false;
                    }
                }
                return q;
            }));

    /** Broken request lines, whatever the route. */
    static final List<String> BAD_LINES = List.of("GARBAGE", "", "GET", "GET /", "GET / HTTP/9.9", "GET / HTTP/1.1 extra", "GET  /  HTTP/1.1",
            "GET\t/\tHTTP/1.1", "GET http://evil.example/ HTTP/1.1", "GET * HTTP/1.1", "GET /\u0001\u0002 HTTP/1.1", "\u0016\u0003\u0001\u0000",
            "GET /" + "a".repeat(70_000) + " HTTP/1.1", "GET / HTTP/1.0", "PRI * HTTP/2.0", "GET /%00 HTTP/1.1", "GET ?x HTTP/1.1",
            "GET /#frag HTTP/1.1", "GET /\u00f1 HTTP/1.1");

    private final List<String[]> routes = new ArrayList<>();

    /**
     * The routes to damage: {@code routes} as {@code METHOD /pattern}; {@code samples} gives each path parameter a value
     * that exists ({@code slug}, {@code file}, ...; {@code *} for the catch-all).
     */
    public FuzzRequests(List<String> routes, Map<String, String> samples) {
        Set<String> seen = new LinkedHashSet<>();
        for (String r : routes) {
            int sp = r.indexOf(' ');
            if (sp < 0) continue;
            String method = r.substring(0, sp);
            if (method.equals("BEFORE") || method.equals("AFTER") || method.startsWith("BEFORE") || method.startsWith("AFTER")) continue;
            String path = concrete(r.substring(sp + 1), samples);
            if (seen.add(method + " " + path)) this.routes.add(new String[] {method, path});
        }
        if (this.routes.isEmpty()) throw new IllegalArgumentException("No routes to fuzz");
    }

    public int routeCount() {
        return routes.size();
    }

    static String concrete(String pattern, Map<String, String> samples) {
        StringBuilder b = new StringBuilder();
        for (String part : pattern.split("/", -1)) {
            if (b.length() > 0 || pattern.startsWith("/")) b.append(b.length() == 0 && part.isEmpty() ? "" : "/");
            if (part.startsWith("{") && part.endsWith("}") || part.startsWith("<") && part.endsWith(">")) {
                b.append(samples.getOrDefault(part.substring(1, part.length() - 1), "x"));
            } else if (part.equals("*")) {
                b.append(samples.getOrDefault("*", "x"));
            } else {
                b.append(part);
            }
        }
        String s = b.toString().replace("//", "/");
        return s.isEmpty() ? "/" : s;
    }

    /** Every route once with each kind of damage, and every broken request line once: the same list each time. */
    public List<Probe> fixed() {
        List<Probe> out = new ArrayList<>();
        Random r = new Random(16);
        int i = 0;
        for (String[] route : routes) {
            for (Damage d : DAMAGES) {
                String lang = (i++ % 2 == 0) ? "es" : "en";
                Req q = new Req(route[0], route[1], lang);
                q.label = d.name();
                out.add(d.apply().apply(q, r).probe());
            }
        }
        for (String line : BAD_LINES) {
            Req q = new Req("GET", "/", (i++ % 2 == 0) ? "es" : "en");
            q.rawLine = line.getBytes(StandardCharsets.UTF_8);
            q.readable = false;
            q.label = "bad request line";
            out.add(q.probe());
        }
        return out;
    }

    /** {@code n} probes drawn from {@code seed}: a route, then one to three kinds of damage (sometimes a broken line). */
    public List<Probe> random(int n, long seed) {
        Random r = new Random(seed);
        List<Probe> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String[] route = routes.get(r.nextInt(routes.size()));
            Req q = new Req(route[0], route[1], r.nextBoolean() ? "es" : "en");
            if (r.nextInt(20) == 0) {
                q.rawLine = pick(BAD_LINES, r).getBytes(StandardCharsets.UTF_8);
                q.readable = false;
                q.label = "bad request line";
            } else {
                List<String> names = new ArrayList<>();
                for (int m = 1 + r.nextInt(3); m > 0; m--) {
                    Damage d = DAMAGES.get(r.nextInt(DAMAGES.size()));
                    d.apply().apply(q, r);
                    names.add(d.name());
                }
                q.label = String.join(" + ", names);
            }
            out.add(q.probe());
        }
        return out;
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static String path(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static String query(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q);
    }
}
