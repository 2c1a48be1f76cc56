package mx.zocalo.server.cli;

import java.util.List;
import java.util.function.BiConsumer;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.table.RowIndex;

/**
 * Every kind of derived index, attached to the store by every command that opens it ({@link StoreOptions}), so that
 * each write through the command line keeps them in step and {@code zocalo index rebuild} finds them all. A new kind of
 * index joins the list. An index whose folder another process holds (a portal serving a remote store
 * from the same data directory) is attached read-only: that process keeps it in step.
 */
final class DerivedIndexKinds {
    /** How to attach each kind to a store. */
    static final List<BiConsumer<Store, PortalIris>> ALL = List.of(SearchIndex::attach, RowIndex::attach);

    private DerivedIndexKinds() {}

    static void attachAll(Store store, PortalIris iris) {
        for (BiConsumer<Store, PortalIris> kind : ALL) kind.accept(store, iris);
    }
}
