package mx.zocalo.server.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /sparql} when the store is remote: the SPARQL 1.1 Protocol request (GET with {@code query=}, POST as a form or
 * as {@code application/sparql-query}) is checked here — it must be a query that parses, never an update — and sent
 * on to the store's query endpoint with its {@code Accept}, {@code default-graph-uri} and {@code named-graph-uri};
 * the store's answer (status, content type, body) is streamed back as it arrives. Routing is that of
 * {@link SparqlService}: a browser's plain GET of {@code /sparql} falls through to the query form.
 */
final class SparqlProxy extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.sparql");
    private static final Set<String> FORWARDED = Set.of("query", "default-graph-uri", "named-graph-uri");
    private final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SparqlProxy(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!(path.equals(SparqlService.PATH) || path.startsWith(SparqlService.PATH + "/"))) return false;
        String method = request.getMethod();
        boolean get = "GET".equals(method) || "HEAD".equals(method);
        Fields params = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (get && path.equals(SparqlService.PATH) && params.get("query") == null) return false;
        if (!path.equals(SparqlService.PATH)) return error(response, callback, 404, "No service at " + path);
        if (!get && !"POST".equals(method)) return error(response, callback, 405, "Method " + method + " is not allowed on /sparql");

        String query = params.getValue("query");
        List<String[]> forward = new ArrayList<>();
        params.forEach(f -> { if (FORWARDED.contains(f.getName())) f.getValues().forEach(v -> forward.add(new String[] {f.getName(), v})); });
        if (!get) {
            String type = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).split(";")[0].trim().toLowerCase();
            if (type.equals("application/x-www-form-urlencoded")) {
                Fields form = FormFields.getFields(request);
                if (form.get("update") != null) return error(response, callback, 400, "This endpoint is read-only: no SPARQL Update");
                form.forEach(f -> { if (FORWARDED.contains(f.getName())) f.getValues().forEach(v -> forward.add(new String[] {f.getName(), v})); });
                if (form.getValue("query") != null) query = form.getValue("query");
            } else if (type.equals("application/sparql-query")) {
                query = Content.Source.asString(request, StandardCharsets.UTF_8);
                forward.add(new String[] {"query", query});
            } else if (type.equals("application/sparql-update")) {
                return error(response, callback, 400, "This endpoint is read-only: no SPARQL Update");
            } else {
                return error(response, callback, 415, "Send a query as application/x-www-form-urlencoded or application/sparql-query");
            }
        }
        if (query == null || query.isBlank()) return error(response, callback, 400, "Missing the 'query' parameter (SPARQL 1.1 Protocol)");
        try {
            QueryFactory.create(query, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            return error(response, callback, 400, "Parse error: " + e.getMessage());
        }

        StringBuilder body = new StringBuilder();
        for (String[] kv : forward) {
            if (body.length() > 0) body.append('&');
            body.append(URLEncoder.encode(kv[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        HttpRequest out = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept == null || accept.isBlank() ? "*/*" : accept)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<InputStream> in;
        try {
            in = http.send(out, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            LOG.warn("SPARQL store at {} unreachable: {}", endpoint, e.toString());
            return error(response, callback, 502, "The SPARQL store at " + endpoint + " did not answer");
        }
        response.setStatus(in.statusCode());
        in.headers().firstValue("Content-Type").ifPresent(v -> response.getHeaders().put(HttpHeader.CONTENT_TYPE, v));
        in.headers().firstValue("Content-Disposition").ifPresent(v -> response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, v));
        response.getHeaders().put(HttpHeader.VARY, "Accept");
        try (InputStream from = in.body(); OutputStream to = Content.Sink.asOutputStream(response)) {
            if (!"HEAD".equals(method)) from.transferTo(to);
        }
        callback.succeeded();
        return true;
    }

    private static boolean error(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
