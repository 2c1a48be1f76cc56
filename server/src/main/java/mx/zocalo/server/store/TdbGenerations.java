package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.store.DatasetGraphSwitchable;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.StoreConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces the embedded store's database by a new generation built with Jena's bulk loader, the way TDB2's own
 * compaction does ({@code DatabaseOps.compact}): a TDB2 container {@code DATA/tdb2} holds generations
 * {@code Data-0001}, {@code Data-0002}... and always opens the newest. While writers are held (readers go on with the
 * live generation), the next one is built in {@code Data-000N-tmp}: every quad of the live store except one named graph,
 * then whatever the caller streams in, loaded by the bulk loader; then one ordinary write transaction on it (the catalog
 * record); it is closed, renamed to {@code Data-000N} (one atomic rename: the commit point) and the container is
 * switched to it. The old generation is deleted once its last readers end.
 *
 * <p>Killed before the rename, the old generation is still the newest and the {@code -tmp} folder is removed at the next
 * {@link #cleanUp(Path) open}; killed after it, the new one is opened and the old one removed.
 */
public final class TdbGenerations {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.store");
    private static final Pattern GENERATION = Pattern.compile("Data-(\\d{4})");
    private static final Pattern UNFINISHED = Pattern.compile("Data-(\\d{4})-tmp");
    /** The loader's progress lines go to the debug log. */
    private static final org.apache.jena.system.progress.MonitorOutput QUIET =
            org.apache.jena.system.progress.MonitorOutputs.outputToLog(LoggerFactory.getLogger("zocalo.store.loader"));
    /** One rebuild at a time in this process (as Jena's compaction). */
    private static final Object LOCK = new Object();

    /** The steps of a rebuild, called in this order while writers are held. */
    public interface Steps {
        /** Reads what is needed from the live generation (in a read transaction on it). */
        void readOld(DatasetGraph live);

        /** Streams the new data into the loader (the live store's other graphs are already in). */
        void load(StreamRDF loader);

        /** Runs in one write transaction on the new generation, before it is swapped in. */
        void write(DatasetGraph next);
    }

    /** Which Jena bulk loader builds the new generation: phased (default) or parallel (more threads, more memory). */
    public enum Loader { PHASED, PARALLEL, SEQUENTIAL }

    private TdbGenerations() {}

    /**
     * Builds the next generation of {@code container} without the graph {@code replaced}, with {@code steps}, and swaps
     * it in. Any failure leaves the live generation as it was and removes the unfinished one.
     */
    public static void rebuild(DatasetGraphSwitchable container, Node replaced, Loader loader, Steps steps) {
        synchronized (LOCK) {
            Path containerPath = container.getContainerPath();
            DatasetGraphTDB live = (DatasetGraphTDB) container.get();
            Location liveLocation = live.getLocation();
            Path livePath = Path.of(liveLocation.getDirectoryPath());
            Matcher m = GENERATION.matcher(livePath.getFileName().toString());
            if (!m.matches()) throw new IllegalStateException("Not a TDB2 generation folder: " + livePath);
            Path nextPath = containerPath.resolve(String.format(Locale.ROOT, "Data-%04d", Integer.parseInt(m.group(1)) + 1));
            Path tmpPath = containerPath.resolve(nextPath.getFileName() + "-tmp");
            if (Files.exists(nextPath) || Files.exists(tmpPath)) throw new IllegalStateException("Inconsistent store: " + nextPath + " exists");
            TransactionCoordinator liveTxn = live.getTxnSystem().getTxnMgr();
            container.execReadOnlyDatabase(() -> {
                Location tmp = Location.create(tmpPath);
                try {
                    Files.createDirectories(tmpPath);
                    copyConfig(livePath, tmpPath);
                    DatasetGraphTDB next = StoreConnection.connectCreate(tmp).getDatasetGraphTDB();
                    Txn.executeRead(live, () -> steps.readOld(live));
                    DataLoader dl = switch (loader) {
                        case PARALLEL -> LoaderFactory.parallelLoader(next, QUIET);
                        case SEQUENTIAL -> LoaderFactory.sequentialLoader(next, QUIET);
                        case PHASED -> LoaderFactory.phasedLoader(next, QUIET);
                    };
                    dl.startBulk();
                    try {
                        StreamRDF s = dl.stream();
                        Txn.executeRead(live, () -> {
                            live.prefixes().forEach(s::prefix);
                            live.find().forEachRemaining(q -> {
                                if (!q.getGraph().equals(replaced)) s.quad(q);
                            });
                        });
                        steps.load(s);
                        LOG.info("building the indexes of {}", nextPath.getFileName());
                        dl.finishBulk();
                    } catch (RuntimeException | Error e) {
                        dl.finishException(e instanceof Exception ex ? ex : new RuntimeException(e));
                        throw e;
                    }
                    next.getContext().set(TDB2.symUnionDefaultGraph, true);
                    Txn.executeWrite(next, () -> steps.write(next));
                    StoreConnection.internalExpel(tmp, true);
                    Files.move(tmpPath, nextPath); // the commit point
                } catch (IOException e) {
                    abandon(tmp, tmpPath);
                    throw new UncheckedIOException("Cannot build the next generation of the store in " + tmpPath, e);
                } catch (RuntimeException | Error e) {
                    abandon(tmp, tmpPath);
                    throw e;
                }
                DatasetGraphTDB swapped = StoreConnection.connectCreate(Location.create(nextPath)).getDatasetGraphTDB();
                TransactionCoordinator nextTxn = swapped.getTxnSystem().getTxnMgr();
                nextTxn.execExclusive(() -> {
                    nextTxn.takeOverFrom(liveTxn);
                    nextTxn.modifyConfigDirect(() -> liveTxn.listExternals().forEach(nextTxn::addExternal));
                    if (!container.change(live, swapped)) container.set(swapped);
                });
            });
            // readers of the old generation end; then it is closed and deleted
            liveTxn.startExclusiveMode();
            StoreConnection.release(liveLocation);
            deleteTree(livePath);
        }
    }

    /**
     * Jena's own compaction of the live container ({@code DatabaseMgr.compact}: the live data copied into the next
     * generation while writers are held, readers going on, then swapped in and the old one deleted once its readers
     * end), never at the same time as a {@link #rebuild}.
     */
    public static void compact(DatasetGraphSwitchable container) {
        synchronized (LOCK) {
            org.apache.jena.tdb2.DatabaseMgr.compact(container, true);
        }
    }

    /**
     * Before the container is opened: removes an unfinished generation ({@code Data-000N-tmp}, a rebuild killed before its
     * rename) and generations older than the newest (a rebuild killed after its rename, before the old one was deleted),
     * each with a log line.
     */
    public static void cleanUp(Path container) {
        if (!Files.isDirectory(container)) return;
        List<Path> entries;
        try (Stream<Path> s = Files.list(container)) {
            entries = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + container, e);
        }
        for (Path p : entries) {
            if (UNFINISHED.matcher(p.getFileName().toString()).matches()) {
                LOG.info("removed an unfinished load: {}", p);
                deleteTree(p);
            }
        }
        List<Path> generations = entries.stream().filter(p -> GENERATION.matcher(p.getFileName().toString()).matches()).toList();
        for (int i = 0; i < generations.size() - 1; i++) {
            LOG.info("removed a replaced generation of the store: {}", generations.get(i));
            deleteTree(generations.get(i));
        }
    }

    private static void abandon(Location tmp, Path tmpPath) {
        try {
            StoreConnection.internalExpel(tmp, true);
        } catch (RuntimeException e) {
            // not open
        }
        try {
            deleteTree(tmpPath);
        } catch (RuntimeException e) {
            LOG.warn("could not remove {} ({}); it is removed at the next start", tmpPath, e.toString());
        }
    }

    /** TDB2's configuration files of a generation ({@code tdb.cfg}, {@code *.opt}), as compaction copies them. */
    private static void copyConfig(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                if (n.equals("tdb.cfg") || n.endsWith(".opt")) Files.copy(f, to.resolve(n));
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
