package mx.zocalo.server.store;

/**
 * A view of the store kept beside it for speed — the search index, later a row index — in its own folder of the data
 * directory ({@code DATA/indexes/NAME}). Never the source of truth: it can always be thrown away and rebuilt from the
 * store. The code that writes the store (publish, unpublish, harvest, rebase) calls {@link DerivedIndexes#afterWrite()}
 * right after its write commits, which calls {@link #sync()} on every index attached to the store.
 */
public interface DerivedIndex extends AutoCloseable {

    /** A short name, also the index's folder under {@code DATA/indexes/} and what {@code zocalo index rebuild} prints. */
    String name();

    /** Brings the index in step with the store as it is now (what changed since it last was); returns when done. */
    void sync();

    /** Throws the index's content away and builds it again from the store; returns a line saying what it holds. */
    String rebuild();

    @Override
    void close();
}
