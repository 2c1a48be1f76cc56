package mx.zocalo.server.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;

/** A real portal for tests: TDB2 in a temporary folder, the server on a free port, and an HTTP client. */
final class TestPortal implements AutoCloseable {
    static final String BASE = "https://datos.example.mx/";
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/pagos-prueba");
    /** The demo goals of the performance pages. */
    static final Path PERFORMANCE = Path.of("../performance");

    final TdbStore store;
    final PortalIris iris = new PortalIris(BASE);
    final DatasetPublisher publisher;
    final PortalServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * A portal with the default limits, but none per client address: every test's client is this machine, and a
     * portal shared by many tests ({@link BundledPortal}) would otherwise add their query time together.
     */
    TestPortal(Path dataDir) {
        this(dataDir, SparqlLimits.defaults().withPerClient(0, 0));
    }

    /** A portal whose SPARQL endpoint has the given limits. */
    TestPortal(Path dataDir, SparqlLimits limits) {
        this(dataDir, limits, b -> b);
    }

    /** A portal with more settings ({@code more}: e.g. an accounts database). */
    TestPortal(Path dataDir, SparqlLimits limits, java.util.function.UnaryOperator<PortalServer.Builder> more) {
        store = TdbStore.open(dataDir);
        publisher = new DatasetPublisher(store, iris);
        Vocabularies.load(store, iris);
        server = more.apply(PortalServer.builder().store(store).iris(iris).port(0).sparqlLimits(limits).performance(PERFORMANCE)).build().start();
    }

    String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String accept, String acceptLanguage) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET().header("Accept-Language", acceptLanguage);
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String contentType, String body, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", contentType);
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The path and query of an absolute URL of this portal (under its base or its real address). */
    String localPath(String absolute) {
        for (String prefix : List.of(BASE, url("/"))) {
            if (absolute.startsWith(prefix)) return "/" + absolute.substring(prefix.length());
        }
        throw new IllegalArgumentException("not a URL of this portal: " + absolute);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
