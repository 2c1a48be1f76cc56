package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;

/**
 * TDB2 compaction of a data directory's store. TDB2 never overwrites: every write transaction appends, and what a
 * republished or withdrawn dataset used stays on disk until the database is copied, live data only, into a new
 * generation ({@code tdb2/Data-000N}) — Jena's own {@link DatabaseMgr#compact}, the switch made atomically, the old
 * generation deleted once no reader uses it. {@link #run} works on a directory no portal has open (TDB2 belongs to one
 * process); {@link #online} in the portal that has it open.
 */
public final class Compaction {
    /** What compaction did: bytes of {@code tdb2/} before and after, quads (unchanged), and how long it took. */
    public record Outcome(long before, long after, long quads, long millis) {
        public long freed() {
            return Math.max(0, before - after);
        }
    }

    private Compaction() {}

    /**
     * Compacts the store of {@code dataDir}.
     *
     * @throws StoreUnavailableException when another process (a running portal) has it open
     * @throws IllegalArgumentException when there is no store there
     */
    public static Outcome run(Path dataDir) {
        Path tdb2 = dataDir.resolve("tdb2");
        if (!Files.isDirectory(tdb2)) {
            throw new IllegalArgumentException("No store in " + dataDir.toAbsolutePath() + " (no tdb2 folder): nothing to compact");
        }
        long t0 = System.nanoTime();
        long before = size(tdb2);
        TdbStore.open(dataDir).close(); // the same refusal, with the same words, when a portal has it open
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tdb2.toString());
        long quads;
        try {
            long q0 = Txn.calculateRead(dsg, () -> dsg.stream().count());
            DatabaseMgr.compact(dsg, true);
            quads = Txn.calculateRead(dsg, () -> dsg.stream().count());
            if (quads != q0) throw new IllegalStateException("compaction changed the number of quads: " + q0 + " → " + quads);
        } finally {
            org.apache.jena.tdb2.sys.TDBInternal.expel(dsg);
        }
        return new Outcome(before, size(tdb2), quads, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Compacts the store of a running portal ({@code store}, open on {@code dataDir}) while it serves: readers go on,
     * writers wait for the copy (as Fuseki's {@code /$/compact}).
     */
    public static Outcome online(TdbStore store, Path dataDir) {
        long t0 = System.nanoTime();
        Path tdb2 = dataDir.resolve("tdb2");
        long before = size(tdb2);
        long quads = store.compact();
        return new Outcome(before, size(tdb2), quads, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Bytes of the regular files under {@code dir} (0 when there is no such folder). */
    public static long size(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + dir, e);
        }
    }
}
