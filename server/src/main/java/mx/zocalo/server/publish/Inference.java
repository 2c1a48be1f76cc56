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
 * while the conversion reads the same file (on the 927,360-row benchmark that hides about 5 s of a bulk publish).
 */
final class Inference {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zocalo-describe");
        t.setDaemon(true);
        return t;
    });

    private final CompletableFuture<AutoMapping> future;

    private Inference(CompletableFuture<AutoMapping> future) {
        this.future = future;
    }

    /** No schema: the source is no table (a JSON source has no CSVW description). */
    static Inference none() {
        return new Inference(CompletableFuture.completedFuture(null));
    }

    /** Infers now when {@code needed} (the mapping itself), else on its own thread. */
    static Inference start(boolean needed, Supplier<AutoMapping> infer) {
        return new Inference(needed ? CompletableFuture.completedFuture(infer.get()) : CompletableFuture.supplyAsync(infer, THREADS));
    }

    /** The schema, once read; a failure to read it is thrown as it was. */
    AutoMapping get() {
        try {
            return future.join();
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
