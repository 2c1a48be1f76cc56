package mx.zocalo.server.publish;

import java.util.List;
import mx.zocalo.server.catalog.PortalCatalogs;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.StoreCheck;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Removes a named graph that belongs to no live catalog record (one that {@link StoreCheck} lists), in one write. The
 * catalog's {@code dct:modified} is set, so a running portal's caches let go of what they kept of it. The
 * portal's own catalog and vocabulary graphs and the graph of a dataset its catalog lists are refused: a dataset is
 * removed with {@link Unpublisher}, which also withdraws its record and files.
 */
public final class GraphDrop {
    private GraphDrop() {}

    /** Drops {@code graph}; the number of triples it held. */
    public static long drop(Store store, PortalIris iris, String graph) {
        if (graph.equals(iris.catalogGraph().getURI()) || graph.equals(iris.vocabularyGraph().getURI())) {
            throw new IllegalArgumentException(graph + " is this portal's own " + (graph.equals(iris.catalogGraph().getURI())
                    ? "catalog" : "vocabulary") + " graph (base " + iris.base() + "); it is not dropped");
        }
        List<String> live = StoreCheck.liveSlugs(store, iris);
        for (String slug : live) {
            if (graph.equals(iris.datasetGraph(slug).getURI())) {
                throw new IllegalArgumentException(graph + " is the graph of the published dataset " + slug
                        + "; to remove the dataset, use `zocalo unpublish " + slug + "`");
            }
        }
        long triples = PortalCatalogs.triples(store, graph);
        if (triples == 0) throw new IllegalArgumentException("The store has no graph " + graph + " (or it is empty)");
        Node g = NodeFactory.createURI(graph);
        store.write(dsg -> {
            dsg.removeGraph(g); // not deleteAny: TDB2 leaves decimals written as 1520.50 behind that way
            // answers cached by a running portal counted these triples: a new catalog version retires them
            if (dsg.contains(iris.catalogGraph(), iris.catalog(), Node.ANY, Node.ANY)) DatasetPublisher.touchCatalog(dsg, iris);
        });
        return triples;
    }
}
