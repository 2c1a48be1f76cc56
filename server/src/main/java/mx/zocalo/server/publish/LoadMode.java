package mx.zocalo.server.publish;

import java.util.Locale;

/**
 * How a publish puts the new version into the embedded TDB2 store: in one write transaction (cost: the size of the
 * dataset, about 45,000 quads/s), or with Jena's bulk loader into the store's next generation, swapped in when complete
 * ({@link BulkLoad}; cost: the size of the whole store, at the loader's speed). {@link #AUTO} picks the bulk load when the
 * dataset is expected to be large and a good part of the store.
 */
public enum LoadMode {
    AUTO, BULK, TRANSACTION;

    /** {@code auto}, {@code bulk} or {@code transaction}, as written on the command line. */
    public static LoadMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--load must be auto, bulk or transaction, not " + s, e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
