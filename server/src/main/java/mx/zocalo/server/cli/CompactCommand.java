package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.server.store.Compaction;
import mx.zocalo.server.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zocalo compact}: TDB2 compaction of a data directory's store, with the space it freed. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Compact the store: TDB2 keeps what replaced and withdrawn versions used until it is compacted. "
                + "Copies the live data into a new generation of the database, switches to it and deletes the old one.",
                "Works while the portal serves: the running portal compacts its store itself (readers go on, writes wait for the copy)."})
final class CompactCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    DataDirOption data;

    @Override
    public Integer call() throws Exception {
        Path dir = data.dir();
        Compaction.Outcome o;
        try {
            o = Compaction.run(dir);
        } catch (StoreUnavailableException busy) {
            System.out.println("compacted " + dir.resolve("tdb2") + " " + RunningPortal.post(dir, "/-/compact", "", "compact"));
            return 0;
        }
        System.out.printf(Locale.ROOT, "compacted %s: %s → %s, %s freed, %,d quads, in %.1f s%n", dir.resolve("tdb2"),
                human(o.before()), human(o.after()), human(o.freed()), o.quads(), o.millis() / 1000.0);
        return 0;
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
