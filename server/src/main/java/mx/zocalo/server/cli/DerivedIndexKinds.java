package mx.zocalo.server.cli;

import java.util.List;
import java.util.function.BiConsumer;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind of derived index, attached to the store by every command that opens it ({@link StoreOptions}), so that
 * each write through the command line keeps them in step and {@code zocalo index rebuild} finds them all. A new kind of
 * index (the row index) joins the list.
 */
final class DerivedIndexKinds {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.index");

    /** How to attach each kind to a store. */
    static final List<BiConsumer<Store, PortalIris>> ALL = List.of(SearchIndex::attach);

    private DerivedIndexKinds() {}

    /**
     * Attaches every kind; one that cannot open (its folder held by another process, as a portal serving a remote store
     * from the same data directory) is left out with a warning: that process keeps its own index in step.
     */
    static void attachAll(Store store, PortalIris iris) {
        for (BiConsumer<Store, PortalIris> kind : ALL) {
            try {
                kind.accept(store, iris);
            } catch (IllegalStateException e) {
                LOG.warn("{} (this command leaves that index alone; the process that holds it catches up by itself)", e.getMessage());
            }
        }
    }
}
