package mx.zocalo.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesApply;
import org.apache.jena.sparql.core.DatasetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only copy of a primary portal's store, kept in step with the primary's {@link PatchLog}: a background task asks
 * {@code PRIMARY/patches} for the last patch number and applies every patch after its own version, in order, each in
 * one write transaction of its own TDB2 store, then records the number in {@code DATA/replica-version}. Applying a
 * patch again changes nothing (its rows are whole quads added or deleted), so a replica killed between the commit and
 * the record simply applies that patch once more: resumable and idempotent. The version is the patch number.
 *
 * <p>As a {@link Store} it is read-only: pages, catalog and SPARQL read it; a write is refused (publish on the
 * primary). Files (downloads) are read from {@code files}: a folder the primary's {@code DATA/files} is shared to.
 */
public final class Replica implements Store {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.replica");
    private final TdbStore store;
    private final URI primary;
    private final Path versionFile;
    private final Path files;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService puller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replica-pull");
        t.setDaemon(true);
        return t;
    });
    private final String token;
    private volatile long version;
    private volatile String lastProblem;

    private Replica(TdbStore store, URI primary, Path dataDir, Path files, String token) {
        this.store = store;
        this.primary = primary;
        this.token = token;
        this.versionFile = dataDir.resolve("replica-version");
        this.files = files;
        try {
            this.version = Files.isRegularFile(versionFile) ? Long.parseLong(Files.readString(versionFile).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the replica's version in " + versionFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating if needed) the replica's own store in {@code dataDir} for the portal at {@code primary} (its base
     * URL, e.g. {@code http://primary:8080/}); {@code files} is where downloads are read (null: {@code dataDir/files}).
     */
    public static Replica open(Path dataDir, URI primary, Path files) {
        return open(dataDir, primary, files, null);
    }

    /**
     * As {@link #open(Path, URI, Path)}, sending {@code token} (the primary's {@code DATA/patches/replica-token}) with
     * every request for patches; null sends none, which a primary refuses.
     */
    public static Replica open(Path dataDir, URI primary, Path files, String token) {
        TdbStore store = TdbStore.open(dataDir);
        if (store.patchLog().isPresent()) {
            store.close();
            throw new IllegalArgumentException(dataDir + " keeps a patch log: it is a primary's data directory, not a replica's");
        }
        String base = primary.toString().endsWith("/") ? primary.toString() : primary + "/";
        return new Replica(store, URI.create(base), dataDir, files != null ? files : store.filesDirectory(),
                token == null || token.isBlank() ? null : token.trim());
    }

    /** Pulls now until up to date, then every {@code every}. */
    public Replica follow(Duration every) {
        puller.scheduleWithFixedDelay(this::pullQuietly, 0, Math.max(1, every.toMillis()), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pullQuietly() {
        try {
            pull();
            if (lastProblem != null) LOG.info("the primary {} answers again; at version {}", primary, version);
            lastProblem = null;
        } catch (RuntimeException | IOException e) {
            String problem = e.getMessage();
            if (!String.valueOf(problem).equals(lastProblem)) LOG.warn("cannot follow the primary {}: {}", primary, problem);
            lastProblem = String.valueOf(problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies every patch the primary has after this replica's version; returns the version reached. */
    public synchronized long pull() throws IOException, InterruptedException {
        long latest = latestOfPrimary();
        while (version < latest) {
            long n = version + 1;
            HttpResponse<InputStream> r = http.send(authorized(HttpRequest.newBuilder(primary.resolve("patches/" + n)))
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException("patch " + n + " of " + primary + ": HTTP " + r.statusCode() + refused(r.statusCode()));
            }
            RDFPatch patch;
            try (InputStream in = r.body()) {
                patch = RDFPatchOps.read(in);
            }
            long t0 = System.nanoTime();
            store.write(dsg -> patch.apply(new InTransaction(dsg)));
            record(n);
            LOG.info("applied patch {} of {} in {} ms", n, primary, (System.nanoTime() - t0) / 1_000_000);
            store.derivedIndexes().afterWrite();
        }
        return version;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private String refused(int status) {
        if (status != 401) return "";
        return token == null ? " (the primary's patch log needs its token: give the replica --primary-token, from the primary's DATA/patches/"
                + PatchLog.TOKEN_FILE + ")" : " (the primary refuses this token: copy it again from the primary's DATA/patches/" + PatchLog.TOKEN_FILE + ")";
    }

    private long latestOfPrimary() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(authorized(HttpRequest.newBuilder(primary.resolve("patches"))).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() == 401) throw new IOException(primary.resolve("patches") + ": HTTP 401" + refused(401));
        if (r.statusCode() != 200) throw new IOException(primary.resolve("patches") + ": HTTP " + r.statusCode() + " (is it a primary: serve --patch-log?)");
        try {
            return Long.parseLong(r.body().trim());
        } catch (NumberFormatException e) {
            throw new IOException(primary.resolve("patches") + " did not answer a patch number: " + r.body(), e);
        }
    }

    private void record(long n) {
        try {
            Path tmp = versionFile.resolveSibling(versionFile.getFileName() + ".tmp");
            Files.writeString(tmp, n + "\n");
            Files.move(tmp, versionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            version = n;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the replica's version in " + versionFile, e);
        }
    }

    /** The number of the last patch applied. */
    public long version() {
        return version;
    }

    /** Applies a patch inside the transaction the store already opened: its own TX/TC rows are not transactions here. */
    private static final class InTransaction extends RDFChangesApply {
        InTransaction(DatasetGraph dsg) {
            super(dsg);
        }

        @Override
        public void txnBegin() {}

        @Override
        public void txnCommit() {}

        @Override
        public void txnAbort() {
            throw new IllegalStateException("the patch aborts its transaction");
        }
    }

    // ---- the store, read-only

    @Override
    public <T> T read(Function<DatasetGraph, T> action) {
        return store.read(action);
    }

    @Override
    public void write(Consumer<DatasetGraph> action) {
        throw new UnsupportedOperationException("This portal is a read-only replica of " + primary + ": publish on the primary");
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
        return store.query(query, timeout, action);
    }

    @Override
    public Path filesDirectory() {
        return files;
    }

    @Override
    public DerivedIndexes derivedIndexes() {
        return store.derivedIndexes();
    }

    /** The primary this replica follows. */
    public URI primary() {
        return primary;
    }

    /** What went wrong at the last pull, if it failed. */
    public Optional<String> problem() {
        return Optional.ofNullable(lastProblem);
    }

    @Override
    public void close() {
        puller.shutdownNow();
        try {
            puller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
