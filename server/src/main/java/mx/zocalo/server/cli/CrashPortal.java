package mx.zocalo.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Unfinished;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The portal started again on a data directory after a {@code kill -9}, in this process, as {@code serve} starts it
 * (the store opened, what interrupted publishes left finished or removed, the derived indexes and vocabularies
 * attached, the server on a free loopback port), with what it logged while starting; and the pages a crash trial
 * compares: their status, {@code ETag} and body (by SHA-256). Closing it lets go of the TDB2 store, so that a child
 * process may open it next.
 */
final class CrashPortal implements AutoCloseable {
    /** One page as served: status, ETag and the SHA-256 of its body. */
    record Page(int status, String etag, String sha256) {}

    final Path data;
    final TdbStore store;
    final PortalIris iris;
    final PortalServer server;
    /** What the store's start-up logged (logger {@code zocalo}, INFO and above). */
    final List<String> startLog;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    CrashPortal(Path data) {
        this.data = data;
        List<String> log = new ArrayList<>();
        Capture capture = Capture.start(log);
        TdbStore s = null;
        try {
            s = TdbStore.open(data);
            iris = new PortalIris(DataDirectory.read(data).orElseThrow(() -> new IllegalStateException("no base recorded in " + data)).base());
            Unfinished.recover(s, iris);
            DerivedIndexKinds.attachAll(s, iris);
            Vocabularies.load(s, iris);
            // as serve does: the RDF downloads a kill between the commit and their writing left missing (written here
            // before serving, so that the pages compared are those of a portal that has caught up)
            mx.zocalo.server.publish.DownloadJobs jobs = mx.zocalo.server.publish.DownloadJobs.of(s);
            jobs.scheduleMissing(iris);
            jobs.awaitAll();
            server = PortalServer.builder().store(s).iris(iris).port(0).build().start();
        } catch (RuntimeException e) {
            if (s != null) release(s, data);
            throw e;
        } finally {
            capture.finish();
        }
        this.store = s;
        this.startLog = List.copyOf(log);
    }

    /** The pages compared before and after a crash, for the dataset {@code slug}. */
    static List<String> paths(String slug) {
        return List.of("/", "/catalog", "/catalog.ttl", "/dataset/" + slug, "/dataset/" + slug + "/explore",
                "/download/" + slug + ".csv", "/download/" + slug + ".ttl");
    }

    /** Every page of {@code paths}, in Spanish, by path. */
    Map<String, Page> snapshot(List<String> paths) throws IOException, InterruptedException {
        Map<String, Page> out = new LinkedHashMap<>();
        for (String p : paths) out.put(p, get(server.port(), p, http));
        return out;
    }

    static Page get(int port, String path, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", "es").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Page(r.statusCode(), r.headers().firstValue("ETag").orElse(""), sha256(r.body()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What interrupted writes may leave in {@code data}: staged folders and files ({@code files/.*}), pending histories
     * ({@code files/SLUG/.history.pending.jsonl}), temporary histories ({@code versions/SLUG/.*}), unfinished TDB2
     * generations ({@code tdb2/Data-*-tmp}) and temporary data-directory files.
     */
    static List<Path> leftovers(Path data) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : list(data.resolve("files"))) {
            if (name(p).startsWith(".")) out.add(p);
            else out.addAll(list(p).stream().filter(f -> name(f).startsWith(".history")).toList());
        }
        for (Path v : list(data.resolve("versions"))) out.addAll(list(v).stream().filter(f -> name(f).startsWith(".")).toList());
        out.addAll(list(data.resolve("tdb2")).stream().filter(p -> name(p).startsWith("Data-") && name(p).endsWith("-tmp")).toList());
        out.addAll(list(data).stream().filter(p -> name(p).startsWith(".zocalo-data")).toList());
        return out;
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Override
    public void close() {
        server.stop();
        release(store, data);
    }

    /** Closes the store and drops this process's hold of the TDB2 database, so that another process may open it. */
    static void release(TdbStore store, Path data) {
        store.close();
        TDBInternal.expel(DatabaseMgr.connectDatasetGraph(data.resolve("tdb2").toString()));
    }

    /** Collects the lines logged under {@code zocalo} while the portal starts. */
    private static final class Capture extends AbstractAppender {
        private final List<String> lines;

        private Capture(List<String> lines) {
            super("crash-capture", null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        static Capture start(List<String> lines) {
            Capture c = new Capture(lines);
            c.start();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggerConfig("zocalo").addAppender(c, null, null);
            ctx.updateLoggers();
            return c;
        }

        @Override
        public void append(LogEvent event) {
            synchronized (lines) {
                lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
            }
        }

        void finish() {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getLoggerConfig("zocalo").removeAppender(getName());
            ctx.updateLoggers();
            stop();
        }
    }
}
