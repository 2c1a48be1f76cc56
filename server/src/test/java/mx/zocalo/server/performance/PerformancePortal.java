package mx.zocalo.server.performance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.table.TableService;
import mx.zocalo.server.web.PortalServer;

/**
 * The demo datasets the demo goals read ({@code ../mappings}: places, road accidents, state crime, population) and the
 * demo goals ({@code ../performance}), published once per test run into a temporary TDB2 store, the goals computed and
 * written as the demo does, and the portal served on a free port.
 */
public final class PerformancePortal {
    public static final String BASE = "https://datos.example.mx/";
    public static final Path MAPPINGS = Path.of("../mappings");
    public static final Path GOALS = Path.of("../performance");
    public static final List<String> DATASETS = List.of("lugares", "accidentes-carreteros", "incidencia-delictiva-estatal", "poblacion-estatal");
    private static PerformancePortal shared;

    public final TdbStore store;
    public final PortalIris iris = new PortalIris(BASE);
    public final TableService tables;
    public final PerformanceService performance;
    public final List<GoalResult> published;
    public final PortalServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private PerformancePortal(Path dir) {
        store = TdbStore.open(dir);
        Vocabularies.load(store, iris);
        DatasetPublisher publisher = new DatasetPublisher(store, iris);
        for (String slug : DATASETS) publisher.publish(MAPPINGS.resolve(slug), false);
        tables = TableService.builder(store, iris).build();
        performance = PerformanceService.builder(tables, GOALS).build();
        published = new PerformancePublisher(store, iris).publishAll(performance);
        server = PortalServer.builder().store(store).iris(iris).port(0).performance(GOALS).build().start();
    }

    public static synchronized PerformancePortal get() {
        if (shared != null) return shared;
        try {
            Path dir = Files.createTempDirectory("zocalo-performance");
            shared = new PerformancePortal(dir);
            PerformancePortal p = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.server.stop();
                p.store.close();
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            return shared;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
