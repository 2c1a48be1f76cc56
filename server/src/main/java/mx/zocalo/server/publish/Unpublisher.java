package mx.zocalo.server.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalCatalogs;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.StoreCheck;
import mx.zocalo.server.catalog.WithdrawnRecord;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCAT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdraws a published dataset: ONE write transaction removes its named graph and replaces its catalog record by a
 * withdrawn one ({@link WithdrawnRecord}), setting the catalog's {@code dct:modified} so that no page or SPARQL answer
 * made before is served again; then its folder {@code files/{slug}} (original, downloads, CSVW) is deleted. Its IRIs
 * then answer {@code 410 Gone}, and so do its versions: their descriptions leave the catalog and their kept files
 * ({@code versions/{slug}/{n}/}) are deleted, only the private history stays. Publishing the same slug again brings it
 * back, as the next version number.
 *
 * <pre>{@code
 * Unpublisher.Outcome o = new Unpublisher(store, iris).unpublish("cuenta-publica");
 * }</pre>
 */
public final class Unpublisher {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.publish");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** What was done: triples removed from the dataset's graph, whether it had been withdrawn before, and when it was. */
    public record Outcome(String slug, boolean already, long triples, Instant withdrawn) {
        public String summary() {
            return already ? slug + ": already withdrawn on " + withdrawn + "; nothing left to remove"
                    : slug + ": withdrawn (" + triples + " triples removed); its IRIs now answer 410 Gone";
        }
    }

    private final Store store;
    private final PortalIris iris;

    public Unpublisher(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /**
     * Withdraws {@code slug}. A dataset withdrawn before is left as it is (its graph and files are removed if some
     * remained).
     *
     * @throws IllegalArgumentException when the catalog has no dataset {@code slug}, with the ones it has
     */
    public Outcome unpublish(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("'" + slug + "' is not a dataset slug (lower-case letters, digits and hyphens)");
        }
        Node graph = iris.datasetGraph(slug);
        Node catalogGraph = iris.catalogGraph();
        boolean live = store.read(dsg -> dsg.contains(catalogGraph, iris.catalog(), DCAT.dataset.asNode(), iris.dataset(slug)));
        var before = store.read(dsg -> WithdrawnRecord.of(dsg.getGraph(catalogGraph), iris, slug, "en"));
        long triples = PortalCatalogs.triples(store, graph.getURI());
        if (!live && before.isEmpty()) throw unknown(slug, triples);
        if (before.isPresent() && !live) {
            if (triples > 0) store.write(dsg -> dsg.removeGraph(graph));
            removeFiles(slug);
            store.derivedIndexes().afterWrite();
            return new Outcome(slug, true, triples, before.get().when());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        store.write(dsg -> {
            dsg.removeGraph(graph); // not deleteAny: TDB2 leaves decimals written as 1520.50 behind that way
            Graph catalog = dsg.getGraph(catalogGraph);
            List<Triple> kept = new ArrayList<>();
            for (Node p : WithdrawnRecord.KEPT) catalog.find(iris.dataset(slug), p, Node.ANY).forEachRemaining(kept::add);
            catalog.find(iris.record(slug), iris.term("organisation"), Node.ANY).forEachRemaining(kept::add); // its organisation's page says it was withdrawn
            DatasetPublisher.recordQuads(dsg, iris, slug).forEach(dsg::delete);
            WithdrawnRecord.build(iris, slug, kept, now).forEach(t -> dsg.add(new Quad(catalogGraph, t)));
            DatasetPublisher.touchCatalog(dsg, iris);
        });
        removeFiles(slug);
        store.derivedIndexes().afterWrite(); // a withdrawn dataset is no longer found
        Outcome o = new Outcome(slug, false, triples, now);
        LOG.info(o.summary());
        return o;
    }

    private IllegalArgumentException unknown(String slug, long triples) {
        List<String> slugs = StoreCheck.liveSlugs(store, iris);
        String message = "No dataset '" + slug + "' in the catalog of " + iris.base() + "; "
                + (slugs.isEmpty() ? "it has none" : "it has " + String.join(", ", slugs));
        if (triples > 0) {
            message += ". The store still holds its graph " + iris.datasetGraph(slug).getURI() + " (" + triples
                    + " triples): remove it with `zocalo store drop " + iris.datasetGraph(slug).getURI() + "`";
        }
        return new IllegalArgumentException(message);
    }

    private void removeFiles(String slug) {
        DownloadJobs.await(store, slug); // its downloads being written: done first, then removed with the rest
        Path files = store.filesDirectory();
        for (Path dir : List.of(files.resolve(slug), files.resolve("." + slug + ".incoming"))) {
            if (Files.exists(dir)) DatasetPublisher.deleteTree(dir);
        }
        // withdrawn means withdrawn: the kept versions' files go too; the private history stays, so that numbers go on
        // if the dataset is published again
        Versions.removeFiles(store, slug);
    }
}
