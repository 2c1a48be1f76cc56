package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The derived indexes of one store, each in its folder {@code DATA/indexes/NAME}: the store hands the folder out, the
 * index (a room of its own, such as {@code search}) decides what it keeps there. Nothing else opens those folders.
 *
 * <pre>{@code
 * SearchIndex search = store.derivedIndexes().attach("search", dir -> new SearchIndex(store, iris, dir));
 * store.write(...);
 * store.derivedIndexes().afterWrite();   // every attached index catches up with the write
 * }</pre>
 */
public final class DerivedIndexes {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.index");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    /** The folder under the data directory that holds one folder per derived index. */
    public static final String FOLDER = "indexes";

    private final Path root;
    private final Map<String, DerivedIndex> attached = new LinkedHashMap<>();

    DerivedIndexes(Path root) {
        this.root = root;
    }

    /** The folder of the index {@code name} ({@code DATA/indexes/NAME}), created if needed. */
    public Path directory(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("Not an index name: '" + name + "'");
        try {
            return Files.createDirectories(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the index folder " + root.resolve(name), e);
        }
    }

    /**
     * The index {@code name} attached to this store: the one attached before, else the one {@code open} makes from its
     * folder (attached from then on, and closed with the store).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T extends DerivedIndex> T attach(String name, Function<Path, T> open) {
        DerivedIndex known = attached.get(name);
        if (known != null) return (T) known;
        T index = open.apply(directory(name));
        attached.put(name, index);
        return index;
    }

    /** The index {@code name}, if one is attached. */
    public synchronized Optional<DerivedIndex> get(String name) {
        return Optional.ofNullable(attached.get(name));
    }

    /** Every attached index, in the order they were attached. */
    public synchronized List<DerivedIndex> all() {
        return new ArrayList<>(attached.values());
    }

    /**
     * Called right after a write committed: every attached index syncs with the store. An index that fails is logged
     * and left behind (the write stands: the store is the truth); it catches up at its next sync or rebuild.
     */
    public void afterWrite() {
        for (DerivedIndex index : all()) {
            try {
                index.sync();
            } catch (RuntimeException e) {
                LOG.error("the {} index could not follow the last write ({}); it catches up by itself later, or run "
                        + "`./zocalo index rebuild`", index.name(), e.toString());
            }
        }
    }

    /** Closes every attached index (the store is closing). */
    synchronized void closeAll() {
        for (DerivedIndex index : attached.values()) {
            try {
                index.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the {} index: {}", index.name(), e.toString());
            }
        }
        attached.clear();
    }
}
