package mx.zocalo.server.publish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.CatalogRecord.FileFacts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.VersionRecord;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;

/**
 * What the catalog says of a dataset's RDF downloads once each is written ({@link DownloadJobs}): the size and SHA-256
 * of the current distribution ({@code dcat:byteSize}, {@code spdx:checksum}) and the distribution of the current
 * version ({@code /download/{slug}/v{n}/...}), the same triples {@link CatalogRecord} and {@link VersionRecord} write
 * when the facts are known at publish time.
 */
final class DumpFacts {
    private static final String VOID = "http://rdfs.org/ns/void#";

    private DumpFacts() {}

    /** The predicates of the dataset's graph, from its VoID property partitions in the catalog (for RDF/XML names). */
    static Set<String> predicates(Store store, PortalIris iris, String slug) {
        return store.read(dsg -> {
            Set<String> out = new LinkedHashSet<>();
            Node partition = NodeFactory.createURI(VOID + "propertyPartition");
            Node property = NodeFactory.createURI(VOID + "property");
            dsg.find(iris.catalogGraph(), iris.dataset(slug), partition, Node.ANY).forEachRemaining(q ->
                    dsg.find(iris.catalogGraph(), q.getObject(), property, Node.ANY).forEachRemaining(p -> {
                        if (p.getObject().isURI()) out.add(p.getObject().getURI());
                    }));
            return out;
        });
    }

    /** Whether the catalog already gives the size of the download {@code f} of {@code slug}. */
    static boolean recorded(Store store, PortalIris iris, String slug, RdfDownload f) {
        return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.distribution(slug, f.ext()), DCAT.byteSize.asNode(), Node.ANY));
    }

    /**
     * Records {@code facts} of download {@code f} of {@code slug} (version {@code n}; 0 when it has no history) in one
     * write transaction, touching the catalog's {@code dct:modified}. Nothing when the dataset is no longer in the
     * catalog (unpublished meanwhile).
     */
    static void record(Store store, PortalIris iris, String slug, int n, RdfDownload f, FileFacts facts) {
        store.write(dsg -> {
            Node g = iris.catalogGraph();
            Node dist = iris.distribution(slug, f.ext());
            if (!dsg.contains(g, iris.dataset(slug), DCAT.distribution.asNode(), dist)) return;
            List<Triple> triples = new ArrayList<>(CatalogRecord.facts(dist, facts));
            String license = license(dsg, iris, slug);
            Node version = VersionRecord.version(iris, slug, n);
            if (n > 0 && dsg.contains(g, iris.dataset(slug), NodeFactory.createURI(DCAT.NS + "hasCurrentVersion"), version)) {
                triples.addAll(VersionRecord.dumpDistribution(iris, slug, n, f, license, facts));
            }
            for (Triple t : triples) dsg.add(new Quad(g, t));
            DatasetPublisher.touchCatalog(dsg, iris);
        });
    }

    private static String license(DatasetGraph dsg, PortalIris iris, String slug) {
        var it = dsg.find(iris.catalogGraph(), iris.dataset(slug), DCTerms.license.asNode(), Node.ANY);
        if (!it.hasNext()) return null;
        Node o = it.next().getObject();
        return o.isURI() ? o.getURI() : null;
    }
}
