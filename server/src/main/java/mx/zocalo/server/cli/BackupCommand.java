package mx.zocalo.server.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.ops.Backup;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.RemoteStore;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.StoreUnavailableException;
import mx.zocalo.server.store.TdbStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zocalo backup --data DIR --to FILE}: the whole data directory in one file. When a portal serves the
 * directory (its TDB2 store belongs to that process) the portal is asked to write it ({@code POST /-/backup} with the
 * control token it left in the directory); otherwise the command writes it itself.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up a data directory into one zip file: every graph of the store (one consistent snapshot), "
                + "the original files, sources, versions, submissions, the accounts database and the settings.",
                "Works while the portal serves: the running portal writes the backup itself. Restore with zocalo restore."})
final class BackupCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    DataDirOption data;

    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file to write (a zip), e.g. /var/backups/zocalo/2026-12-04.zip")
    Path to;

    @Option(names = "--store", paramLabel = "URL", description = "The portal keeps its RDF in this remote SPARQL 1.1 store "
            + "(as serve --store: a Fuseki dataset with its query, update and data services): its graphs are read from there, "
            + "the files and accounts from --data.")
    String remote;

    @Override
    public Integer call() throws Exception {
        Path dir = data.dir();
        Path target = to.toAbsolutePath();
        if (remote != null) return remote(dir, target);
        if (!Files.isDirectory(dir.resolve("tdb2"))) {
            throw new IllegalArgumentException("No store in " + dir.toAbsolutePath() + ": nothing to back up (a portal on a remote "
                    + "store: give it with --store URL)");
        }
        TdbStore store;
        try {
            store = TdbStore.open(dir);
        } catch (StoreUnavailableException busy) {
            return askThePortal(dir, target);
        }
        return write(store, iris(dir), dir, target);
    }

    /**
     * A portal on a remote store: the portal serving {@code dir}, if one does (it holds the accounts database), writes
     * the backup; else this command reads the remote store's graphs itself.
     */
    private int remote(Path dir, Path target) throws Exception {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("No data directory " + dir.toAbsolutePath() + ": nothing to back up");
        if (Files.isRegularFile(dir.resolve(".control.properties"))) {
            try {
                return askThePortal(dir, target);
            } catch (java.net.ConnectException gone) {
                // a portal killed without its stop left the file: nobody holds the directory
            }
        }
        PortalIris iris = iris(dir);
        return write(RemoteStore.builder(remote).mirror(iris.catalogGraph(), iris.vocabularyGraph()).files(dir.resolve("files")).build(),
                iris, dir, target);
    }

    /** The portal's IRIs, under the base the data directory records. */
    private static PortalIris iris(Path dir) {
        return new PortalIris(DataDirectory.read(dir).map(DataDirectory.Recorded::base).orElse(StoreOptions.DEFAULT_BASE));
    }

    private static int write(Store opened, PortalIris iris, Path dir, Path target) {
        try (Store store = opened) {
            Accounts accounts = Files.isDirectory(dir.resolve("accounts")) ? Accounts.open(dir) : null;
            try {
                Backup.Outcome o = Backup.write(store, iris, dir, accounts, target);
                System.out.printf(Locale.ROOT, "backed up %s to %s: %,d quads in %d graphs, %d files, %s, in %.1f s%n", dir, target,
                        o.quads(), o.graphs(), o.files(), CompactCommand.human(o.bytes()), o.millis() / 1000.0);
            } finally {
                if (accounts != null) accounts.close();
            }
        }
        return 0;
    }

    /** The portal serving {@code dir} writes the backup: its port and token are in the directory's control file. */
    private static int askThePortal(Path dir, Path target) throws IOException, InterruptedException {
        String done = RunningPortal.post(dir, "/-/backup", "to=" + URLEncoder.encode(target.toString(), StandardCharsets.UTF_8), "back up");
        System.out.println("backed up " + dir + " " + done);
        return 0;
    }
}
