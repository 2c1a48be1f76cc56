package mx.zocalo.server.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The version of the data the index reflects: the {@code dct:modified} of every catalog in the catalog graph (the
 * portal's, set by every publish and unpublish, and the harvested sub-catalogs', set by every harvest) — the same marker
 * the page cache is keyed by.
 */
final class CatalogVersion {
    private CatalogVersion() {}

    static String of(Store store, PortalIris iris) {
        List<String> modified = store.read(dsg -> {
            List<String> found = new ArrayList<>();
            dsg.find(iris.catalogGraph(), Node.ANY, RDF.type.asNode(), DCAT.Catalog.asNode()).forEachRemaining(c ->
                    dsg.find(iris.catalogGraph(), c.getSubject(), DCTerms.modified.asNode(), Node.ANY).forEachRemaining(m -> {
                        if (m.getObject().isLiteral()) found.add(c.getSubject() + "=" + m.getObject().getLiteralLexicalForm());
                    }));
            return found;
        });
        Collections.sort(modified);
        return modified.isEmpty() ? "empty" : String.join(" ", modified);
    }
}
