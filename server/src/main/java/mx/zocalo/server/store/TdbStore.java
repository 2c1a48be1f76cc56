package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetDescription;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/**
 * The embedded store: a TDB2 database in {@code DATA/tdb2}, original files in {@code DATA/files}, derived indexes in
 * {@code DATA/indexes}.
 */
public final class TdbStore implements Store {
    private final DatasetGraph dsg;
    private final Path files;
    private final DerivedIndexes indexes;

    private Path dataDir;
    private volatile PatchLog patches;

    private TdbStore(DatasetGraph dsg, Path files, Path indexes) {
        this.dsg = dsg;
        this.files = files;
        this.indexes = new DerivedIndexes(indexes);
    }

    /** Opens (creating if needed) the store in {@code dataDir}. */
    public static TdbStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir.resolve("tdb2"));
            Path files = Files.createDirectories(dataDir.resolve("files"));
            TdbGenerations.cleanUp(dataDir.resolve("tdb2"));
            DatasetGraph dsg;
            try {
                dsg = DatabaseMgr.connectDatasetGraph(dataDir.resolve("tdb2").toString());
            } catch (org.apache.jena.dboe.DBOpEnvException e) {
                if (e.getMessage() == null || !e.getMessage().contains("lock")) throw e;
                java.util.regex.Matcher pid = java.util.regex.Pattern.compile("held by process (\\d+)").matcher(String.valueOf(e.getMessage()));
                throw new StoreUnavailableException("The data directory " + dataDir + " is in use by another Zócalo process"
                        + (pid.find() ? " (pid " + pid.group(1) + ")" : "") + ": a TDB2 store belongs to one process. Stop it"
                        + " (a running `zocalo serve` or `demo`) and try again, or use another --data directory.", e);
            }
            dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
            dsg.getContext().set(ARQ.queryTimeout, "30000");
            TdbStore store = new TdbStore(dsg, files, dataDir.resolve(DerivedIndexes.FOLDER));
            store.dataDir = dataDir;
            store.patches = PatchLog.find(dataDir).orElse(null);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
    }

    @Override
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dsg, () -> action.apply(dsg));
    }

    @Override
    public void write(Consumer<DatasetGraph> action) {
        PatchLog log = patches;
        if (log == null) {
            Txn.executeWrite(dsg, () -> action.accept(dsg));
            return;
        }
        synchronized (log) { // one recorded write at a time: patch numbers follow the commits
            Runnable[] named = {null};
            try {
                Txn.executeWrite(dsg, () -> named[0] = log.record(dsg, action));
            } catch (RuntimeException | Error e) {
                log.discard();
                throw e;
            }
            named[0].run();
        }
    }

    /**
     * Starts recording every write in the patch log {@code DATA/patches/} that replicas pull ({@link PatchLog}); the
     * first patch is the whole store as it is now. Nothing happens when the log is already kept.
     */
    public synchronized PatchLog startPatchLog() {
        if (patches != null) return patches;
        PatchLog log = PatchLog.create(dataDir);
        if (log.latest() == 0) {
            Runnable[] named = {null};
            Txn.executeWrite(dsg, () -> named[0] = log.snapshotting(dsg));
            named[0].run();
        }
        patches = log;
        return log;
    }

    /** The patch log, when this store keeps one. */
    public java.util.Optional<PatchLog> patchLog() {
        return java.util.Optional.ofNullable(patches);
    }

    /**
     * Rows an {@code ORDER BY} or {@code DISTINCT} keeps in memory before ARQ spills them to temporary files: over a
     * product they would otherwise fill the heap within the time limit, and every page would wait for the collector.
     */
    static final long SPILL_BINDINGS = 2_000;

    /** ARQ in a read transaction; {@code FROM} / {@code FROM NAMED} become a view of just those graphs. */
    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action) {
        return read(dsg -> {
            DatasetGraph over = dsg;
            Query q = query;
            if (q.hasDatasetDescription()) {
                over = DynamicDatasets.dynamicDataset(DatasetDescription.create(q), dsg, false);
                q = q.cloneQuery(); // the view is the dataset now: applying the graphs again would empty it
                q.getGraphURIs().clear();
                q.getNamedGraphURIs().clear();
            }
            try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(over)).query(q)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .set(ARQ.httpServiceAllowed, false)
                    .set(org.apache.jena.sparql.ARQConstants.sysOptimizerFactory, BoundedAggregates.FACTORY)
                    .set(ARQ.spillToDiskThreshold, SPILL_BINDINGS)
                    .build()) {
                return action.apply(qe);
            }
        });
    }

    /**
     * Replaces the database by its next generation, built with Jena's bulk loader from every graph but {@code replaced}
     * and what {@code steps} stream in, then swapped in atomically ({@link TdbGenerations}). Writers wait meanwhile;
     * readers go on with the current generation until the swap.
     */
    public void rebuild(org.apache.jena.graph.Node replaced, TdbGenerations.Loader loader, TdbGenerations.Steps steps) {
        if (!(dsg instanceof org.apache.jena.tdb2.store.DatasetGraphSwitchable container)) {
            throw new IllegalStateException("The store is not a TDB2 container: no bulk load");
        }
        TdbGenerations.rebuild(container, replaced, loader, steps);
    }

    /** Compacts the live store (TDB2 compaction, while it serves: {@link TdbGenerations#compact}); its quads after. */
    public long compact() {
        if (!(dsg instanceof org.apache.jena.tdb2.store.DatasetGraphSwitchable container)) {
            throw new IllegalStateException("The store is not a TDB2 container: no compaction");
        }
        TdbGenerations.compact(container);
        return read(d -> d.stream().count());
    }

    @Override
    public Path filesDirectory() {
        return files;
    }

    @Override
    public DerivedIndexes derivedIndexes() {
        return indexes;
    }

    @Override
    public void close() {
        indexes.closeAll();
        dsg.close();
    }
}
