package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.VersionRecord;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbGenerations;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk path of a publish: the conversion streams straight into Jena's bulk loader, which builds the embedded store's
 * next generation (every other graph copied from the live one), and the catalog record is written on it before it is
 * swapped in ({@link TdbGenerations}). Atomic like the write transaction — a failure or a kill before the swap leaves the
 * previous version served — and as fast as {@code tdb2.tdbloader}, but its cost is the size of the whole store, so
 * {@link LoadMode#AUTO} takes it only for a large dataset that is a good part of the store.
 */
final class BulkLoad {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    /** {@link LoadMode#AUTO} loads in bulk from this many quads expected... */
    static final long AUTO_MIN_QUADS = 250_000;
    /** ...when they are at least this part of the store after the publish (the rebuild copies all the rest). */
    static final double AUTO_MIN_SHARE = 0.25;

    private BulkLoad() {}

    /** Whether this publish loads in bulk: {@code mode}, or for auto the expected size against the store's. */
    static boolean chosen(LoadMode mode, Store store, PortalIris iris, DatasetDescription d, List<VersionRecord.Version> before) {
        if (!(store instanceof TdbStore)) {
            if (mode == LoadMode.BULK) LOG.info("{}: a remote store has no bulk load; publishing in one write transaction", d.slug());
            return false;
        }
        if (((TdbStore) store).patchLog().isPresent()) {
            // a new generation is no write the patch log sees: its replicas would miss this version
            if (mode != LoadMode.TRANSACTION) LOG.info("{}: the store keeps a patch log for replicas; publishing in one write transaction", d.slug());
            return false;
        }
        if (mode != LoadMode.AUTO) return mode == LoadMode.BULK;
        long expected = before.isEmpty() ? estimate(d) : before.get(before.size() - 1).triples();
        long previous = before.isEmpty() ? 0 : before.get(before.size() - 1).triples();
        long others = Math.max(0, storeTriples(store, iris) - previous);
        boolean bulk = expected >= AUTO_MIN_QUADS && expected >= AUTO_MIN_SHARE * (others + expected);
        LOG.info("{}: about {} triples expected, {} in the rest of the store: {}", d.slug(), expected, others,
                bulk ? "bulk load" : "one write transaction");
        return bulk;
    }

    /** Builds the store's next generation with {@code steps} and swaps it in. */
    static void run(Store store, Node graph, TdbGenerations.Loader loader, TdbGenerations.Steps steps) {
        ((TdbStore) store).rebuild(graph, loader, steps);
    }

    /**
     * Every triple and quad of the conversion, as a quad of {@code graph}, into the loader, counted on the way by
     * {@code counter} (its VoID figures: no second pass over the graph). A conversion refuses relative IRIs itself
     * ({@code Conversion.run}), on its worker threads: not checked again on the loader's thread.
     */
    static StreamRDF sink(StreamRDF loader, Node graph, VoidCounter counter) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                counter.add(t.getSubject(), t.getPredicate(), t.getObject());
                loader.quad(Quad.create(graph, t));
            }

            @Override
            public void quad(Quad q) {
                counter.add(q.getSubject(), q.getPredicate(), q.getObject());
                loader.quad(Quad.create(graph, q.asTriple()));
            }
        };
    }

    /**
     * A first version's size, from its file: the 927,360-row benchmark gives about 2.5 triples per byte gzipped, and a
     * plain table about one triple per 8 bytes. Rough on purpose: it only decides between two correct paths.
     */
    static long estimate(DatasetDescription d) {
        try {
            long bytes = Files.size(d.source().file());
            String name = d.source().file().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return name.endsWith(".gz") ? bytes * 2 : bytes / 8;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + d.source().file(), e);
        }
    }

    /** The triples of every dataset graph in the store, as the catalog says (its datasets' zocalo:triples). */
    static long storeTriples(Store store, PortalIris iris) {
        Node named = iris.term("namedGraph");
        Node triples = iris.term("triples");
        Node catalog = iris.catalogGraph();
        return store.read(dsg -> {
            long sum = 0;
            var it = dsg.find(catalog, Node.ANY, named, Node.ANY);
            while (it.hasNext()) {
                var t = dsg.find(catalog, it.next().getSubject(), triples, Node.ANY);
                if (t.hasNext()) sum += Long.parseLong(t.next().getObject().getLiteralLexicalForm());
            }
            return sum;
        });
    }
}
