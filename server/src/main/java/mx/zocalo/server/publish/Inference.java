package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.server.catalog.CatalogRecord;

/**
 * A table's inferred schema (columns, titles, datatypes: its CSVW description). Without a mapping it is the mapping, so
 * the conversion waits for it; with one it is only the CSVW distribution of the record, so it is read on its own thread
 * while the catalog record is prepared ({@link #begin}): the conversion and the bulk loader keep both cores busy, the
 * single-threaded scans of the catalog phase leave one idle (on the 927,360-row benchmark this hides about 5 s).
 */
final class Inference {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zocalo-describe");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<AutoMapping> infer;
    private CompletableFuture<AutoMapping> future;

    private Inference(Supplier<AutoMapping> infer, CompletableFuture<AutoMapping> future) {
        this.infer = infer;
        this.future = future;
    }

    /** No schema: the source is no table (a JSON source has no CSVW description). */
    static Inference none() {
        return new Inference(null, CompletableFuture.completedFuture(null));
    }

    /** Infers now when {@code needed} (the mapping itself), else on its own thread from {@link #begin}. */
    static Inference of(boolean needed, Supplier<AutoMapping> infer) {
        return new Inference(infer, needed ? CompletableFuture.completedFuture(infer.get()) : null);
    }

    /** Starts reading the table on its own thread, unless it has been read or is being read. */
    synchronized void begin() {
        if (future == null) future = CompletableFuture.supplyAsync(infer, THREADS);
    }

    /** The schema (read here if it was not begun); a failure to read it is thrown as it was. */
    AutoMapping get() {
        CompletableFuture<AutoMapping> f;
        synchronized (this) {
            if (future == null) future = CompletableFuture.completedFuture(infer.get());
            f = future;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /**
     * Writes the CSVW metadata of {@code inferred} as {@code staged/name}; its url is relative to where it is downloaded
     * from, {@code /download/{slug}.csv-metadata.json}.
     */
    static void writeCsvw(AutoMapping inferred, Path staged, String name, String slug, String fileName) {
        try (OutputStream out = Files.newOutputStream(staged.resolve(name))) {
            inferred.writeCsvw(out, slug + "." + CatalogRecord.extension(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CSVW metadata of " + slug, e);
        }
    }
}
