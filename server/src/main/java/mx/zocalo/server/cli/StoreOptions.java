package mx.zocalo.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.PortalCatalogs;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.Rebase;
import mx.zocalo.server.publish.Unfinished;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.RemoteStore;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --data}, {@code --base}, {@code --rebase} and {@code --store}, shared by the commands that open the store; the
 * base IRI is chosen by {@link BaseChoice} and recorded in the data directory.
 */
final class StoreOptions {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.store");
    /** The base of a new data directory for commands that serve on no port. */
    static final String DEFAULT_BASE = "http://localhost:8080/";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (zocalo.yaml: option names as keys). Default: zocalo.yaml in the data directory, if there is one")
    Path config; // read before the command line is parsed (Settings.load): declared here so that it is accepted

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (TDB2 database and original files; with --store only the files). Default: zocalo-data (zocalo-data/demo for demo, in the Zócalo folder)")
    Path data;

    @Option(names = "--store", paramLabel = "URL",
            description = "Keep the RDF in a remote SPARQL 1.1 store instead of the embedded TDB2, e.g. a Fuseki dataset http://HOST:3030/zocalo")
    String remote;

    @Option(names = "--store-query", paramLabel = "NAME|URL", defaultValue = "query",
            description = "With --store: its query service, under the dataset URL or absolute. Default: ${DEFAULT-VALUE}")
    String remoteQuery;

    @Option(names = "--store-update", paramLabel = "NAME|URL", defaultValue = "update",
            description = "With --store: its update service. Default: ${DEFAULT-VALUE}")
    String remoteUpdate;

    @Option(names = "--store-data", paramLabel = "NAME|URL", defaultValue = "data",
            description = "With --store: its Graph Store Protocol service. Default: ${DEFAULT-VALUE}")
    String remoteData;

    @Option(names = "--base", paramLabel = "IRI",
            description = {"Base IRI of everything the portal mints. Default: the one the data directory records "
                    + "(DIR/" + DataDirectory.FILE + "); for a new directory http://localhost:PORT/ with serve and demo, "
                    + DEFAULT_BASE + " with the other commands.",
                    "Another base than the recorded one is refused, unless --rebase."})
    String base;

    @Option(names = "--rebase",
            description = "Move everything in the data directory to the --base given: every IRI under the recorded base "
                    + "(graph names, subjects, predicates, objects, downloads) is rewritten, in one write, and the new base recorded.")
    boolean rebase;

    /** A store opened under its base IRI. */
    record Portal(Store store, PortalIris iris) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    /** Chooses the base and opens the store: the one-call form of {@link #choose} and {@link #open(Path, BaseChoice, Duration)}. */
    Portal open(Path dataDir, String defaultBase, Duration maxAge) {
        return open(dataDir, choose(dataDir, defaultBase), maxAge);
    }

    /**
     * The base to use for {@code dataDir}, without creating anything: read from its file, else (a directory made by an
     * earlier version) from the catalog in its store, else {@code --base} or {@code defaultBase}.
     */
    BaseChoice choose(Path dataDir, String defaultBase) {
        return BaseChoice.decide(dataDir, DataDirectory.read(dataDir), () -> catalogBases(dataDir), base, rebase, defaultBase);
    }

    /** Opens the store under the chosen base: moves the data first when asked to (--rebase) and records the base. */
    Portal open(Path dataDir, BaseChoice choice, Duration maxAge) {
        DataDirectory.Upgrade upgrade = DataDirectory.upgrade(dataDir); // a newer portal's directory is refused untouched
        if (upgrade.changed()) {
            LOG.info("data directory {}: upgraded from data format {} to {} (written before by {})", dataDir, upgrade.from(),
                    upgrade.to(), upgrade.writtenBy() != null ? upgrade.writtenBy() : "an earlier version");
        }
        Store store = openStore(dataDir, choice.iris(), maxAge);
        try {
            if (store instanceof TdbStore) { // its lock makes this process the only one there: finish what a killed one left
                Unfinished.recover(store, choice.rebaseFrom() != null ? new PortalIris(choice.rebaseFrom()) : choice.iris());
            }
            if (choice.rebaseFrom() != null) {
                LOG.info("moving the data of {} from {} to {} (--rebase)", dataDir, choice.rebaseFrom(), choice.iris().base());
                Rebase.Outcome o = Rebase.run(store, new PortalIris(choice.rebaseFrom()), choice.iris());
                DataDirectory.rebase(dataDir, choice.rebaseFrom(), choice.iris().base());
                LOG.info("{}; {} now records {}", o.summary(), DataDirectory.file(dataDir), choice.iris().base());
            } else if (!choice.recorded()) {
                DataDirectory.create(dataDir, choice.iris().base());
                if (choice.note() != null) LOG.info(choice.note());
            }
            DerivedIndexKinds.attachAll(store, choice.iris()); // every write of the command keeps them in step
            return new Portal(store, choice.iris());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The bases of the portal catalogs already in the store of {@code dataDir}; none when it has no store yet. */
    private List<String> catalogBases(Path dataDir) {
        if (remote == null && !Files.isDirectory(dataDir.resolve("tdb2"))) return List.of();
        try (Store s = openStore(dataDir, new PortalIris(base != null ? base : DEFAULT_BASE), Duration.ZERO)) {
            return PortalCatalogs.bases(s);
        }
    }

    /** The remote store when {@code --store} is given (files in {@code DIR/files}), else TDB2 in {@code dataDir}. */
    private Store openStore(Path dataDir, PortalIris iris, Duration maxAge) {
        if (remote == null) return TdbStore.open(dataDir);
        return RemoteStore.builder(remote)
                .queryEndpoint(remoteQuery).updateEndpoint(remoteUpdate).dataEndpoint(remoteData)
                .mirror(iris.catalogGraph(), iris.vocabularyGraph())
                .files(dataDir.resolve("files"))
                .maxAge(maxAge)
                .build();
    }

    /** Refuses a data directory that holds no store yet: commands that only look after one have nothing to do there. */
    void requireStore(Path dataDir) {
        if (remote == null && !Files.isDirectory(dataDir.resolve("tdb2"))) {
            throw new IllegalArgumentException("No store in " + dataDir.toAbsolutePath() + ": nothing was published there "
                    + "(give the data directory with --data DIR)");
        }
    }

    /** The data directory given, or {@code zocalo-data} in the current folder. */
    Path dataDir() {
        return data != null ? data : Path.of("zocalo-data");
    }

    /** The options that name the same store again, for commands printed to the user: {@code --data DIR [--store URL ...]}. */
    String again(Path dataDir) {
        List<String> args = new ArrayList<>();
        if (remote != null) {
            args.add("--store " + quoted(remote));
            if (!"query".equals(remoteQuery)) args.add("--store-query " + quoted(remoteQuery));
            if (!"update".equals(remoteUpdate)) args.add("--store-update " + quoted(remoteUpdate));
            if (!"data".equals(remoteData)) args.add("--store-data " + quoted(remoteData));
        }
        args.add("--data " + quoted(dataDir.toString()));
        return String.join(" ", args);
    }

    /** A word for a POSIX shell: as it is when safe, else in single quotes. */
    static String quoted(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,#-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
