package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.server.ops.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zocalo restore FILE --data NEWDIR}: a backup unpacked into a new data directory, its store loaded. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup made by zocalo backup into a new (or empty) data directory: the store loaded from "
                + "its snapshot, the files, versions, submissions, accounts and settings as they were.",
                "Then serve it: zocalo serve --data NEWDIR (the search and row indexes are rebuilt at start)."})
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file")
    Path backup;

    @Option(names = "--data", paramLabel = "NEWDIR", required = true, description = "The new data directory (must not exist or be empty)")
    Path data;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        Backup.Restored r = Backup.restore(backup, data);
        System.out.printf(Locale.ROOT, "restored %s (made %s) into %s: %,d quads in %d graphs, %d files%s, in %.1f s%n", backup,
                r.createdAt(), data, r.quads(), r.graphs(), r.files(), r.accounts() ? ", the accounts" : "",
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
