package mx.zocalo.server.cli;

import java.time.Duration;
import mx.zocalo.server.store.RemoteStore;
import picocli.CommandLine.Option;

/**
 * {@code --store-max-age}: only for the commands that serve pages ({@code serve}, {@code demo}); the commands that write
 * and exit keep nothing to reuse.
 */
final class RemoteCacheOptions {
    @Option(names = "--store-max-age", paramLabel = "SECONDS", defaultValue = "" + RemoteStore.DEFAULT_MAX_AGE_SECONDS,
            description = "With --store: pages and copies read from the store are reused for at most this long while the "
                    + "catalog's dct:modified stays the same (a publish through Zócalo changes it at once; this bounds "
                    + "how long other writers' changes go unseen). 0: never reuse. Default: ${DEFAULT-VALUE}")
    int seconds;

    /** The maximum age asked for; checked before any store is opened. */
    Duration maxAge() {
        if (seconds < 0) throw new IllegalArgumentException("--store-max-age must be 0 or more seconds, not " + seconds);
        return Duration.ofSeconds(seconds);
    }

    /** What the commands that do not serve pass instead. */
    static Duration unused() {
        return Duration.ofSeconds(RemoteStore.DEFAULT_MAX_AGE_SECONDS);
    }
}
