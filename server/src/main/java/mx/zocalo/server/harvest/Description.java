package mx.zocalo.server.harvest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/**
 * The description of a dataset in a graph: a bounded closure. Every triple of the dataset; every triple of a node it
 * reaches through blank nodes (any property); and every triple of an IRI it reaches through a property that points
 * at part of a description (distributions, publisher, creator, contact point, temporal and spatial coverage,
 * licence, rights, formats, status, qualified attributions and relations, identifiers...) up to {@link #MAX_HOPS}
 * such IRIs away. It never goes on through another dataset, nor through links between datasets or catalogs
 * ({@code dcat:inSeries}, {@code dcat:prev}, {@code dct:isPartOf}, {@code dcat:servesDataset}...), so one dataset
 * never takes its neighbours or the whole upstream catalog with it.
 */
final class Description {
    static final int MAX_HOPS = 2;
    static final int MAX_TRIPLES = 100_000;
    private static final String ADMS = "http://www.w3.org/ns/adms#";
    private static final String PROV = "http://www.w3.org/ns/prov#";
    private static final String ODRL = "http://www.w3.org/ns/odrl/2/";
    private static final String SPDX = "http://spdx.org/rdf/terms#";

    /** Properties whose IRI values are part of the description of what holds them. */
    static final Set<Node> FOLLOW = Set.of(
            DCAT.distribution.asNode(), DCTerms.publisher.asNode(), DCTerms.creator.asNode(),
            DCTerms.rightsHolder.asNode(), DCAT.contactPoint.asNode(), DCTerms.temporal.asNode(),
            DCTerms.spatial.asNode(), DCTerms.license.asNode(), DCTerms.rights.asNode(),
            DCTerms.accessRights.asNode(), DCTerms.provenance.asNode(), DCTerms.format.asNode(),
            DCAT.mediaType.asNode(), DCAT.compressFormat.asNode(), DCAT.packageFormat.asNode(),
            DCTerms.accrualPeriodicity.asNode(), DCTerms.language.asNode(), DCAT.theme.asNode(),
            DCTerms.type.asNode(), DCAT.qualifiedRelation.asNode(), FOAF.page.asNode(),
            DCAT.landingPage.asNode(), NodeFactory.createURI(ADMS + "identifier"), NodeFactory.createURI(ADMS + "sample"),
            NodeFactory.createURI(ADMS + "status"), NodeFactory.createURI(PROV + "qualifiedAttribution"),
            NodeFactory.createURI(PROV + "wasGeneratedBy"), NodeFactory.createURI(ODRL + "hasPolicy"),
            NodeFactory.createURI(SPDX + "checksum"), NodeFactory.createURI("http://data.europa.eu/r5r/availability"),
            NodeFactory.createURI("http://data.europa.eu/r5r/applicableLegislation"));

    /** The classes of the things the harvester imports. */
    static final Set<Node> DATASET_TYPES = Set.of(DCAT.Dataset.asNode(), NodeFactory.createURI(DCAT.NS + "DatasetSeries"));

    private Description() {}

    /** The datasets in a graph: what is typed {@code dcat:Dataset} or {@code dcat:DatasetSeries}, and what a catalog lists. */
    static Set<Node> datasets(Graph g) {
        Set<Node> out = new LinkedHashSet<>();
        for (Node type : DATASET_TYPES) {
            g.find(Node.ANY, RDF.type.asNode(), type).forEachRemaining(t -> out.add(t.getSubject()));
        }
        g.find(Node.ANY, DCAT.dataset.asNode(), Node.ANY).forEachRemaining(t -> {
            if (!t.getObject().isLiteral()) out.add(t.getObject());
        });
        // a version of a dataset (DCAT 3: the object of dcat:hasVersion, or what says dct:isVersionOf) is part of its
        // dataset's description, not a dataset of its own
        out.removeIf(d -> isVersion(g, d));
        return out;
    }

    private static final Node DCAT_HAS_VERSION = NodeFactory.createURI(DCAT.NS + "hasVersion");

    static boolean isVersion(Graph g, Node d) {
        return g.contains(d, DCTerms.isVersionOf.asNode(), Node.ANY) || g.contains(Node.ANY, DCAT_HAS_VERSION, d)
                || g.contains(Node.ANY, DCTerms.hasVersion.asNode(), d);
    }

    /** The description of {@code root} in {@code g}; {@code datasets} are the nodes it does not go through. */
    static List<Triple> of(Graph g, Node root, Set<Node> datasets) {
        // 0-1 breadth-first: blank nodes cost nothing, IRIs one hop; a node found again by a shorter way is walked again.
        Set<Triple> out = new LinkedHashSet<>();
        Map<Node, Integer> hops = new HashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        hops.put(root, 0);
        todo.add(root);
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            int h = hops.get(n);
            var it = g.find(n, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Triple t = it.next();
                out.add(t);
                if (out.size() > MAX_TRIPLES) {
                    it.close();
                    throw new HarvestException("The description of " + root + " has more than " + MAX_TRIPLES + " triples");
                }
                Node o = t.getObject();
                if (datasets.contains(o) || o.equals(root)) continue;
                Integer known = hops.get(o);
                if (o.isBlank()) {
                    if (known == null || known > h) {
                        hops.put(o, h);
                        todo.addFirst(o);
                    }
                } else if (o.isURI() && h < MAX_HOPS && FOLLOW.contains(t.getPredicate())) {
                    if (known == null || known > h + 1) {
                        hops.put(o, h + 1);
                        todo.addLast(o);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Whether the description of a dataset other than those in {@code replaced} reaches {@code node}: walks the
     * rules of {@link #of} backwards. A triple of such a node is shared and must outlive the replaced ones.
     */
    static boolean sharedWithOthers(Graph g, Node node, Set<Node> datasets, Set<Node> replaced) {
        record Step(Node node, int iris) {}
        Deque<Step> todo = new ArrayDeque<>();
        Map<Node, Integer> best = new HashMap<>();
        int start = node.isBlank() ? 0 : 1;
        todo.add(new Step(node, start));
        best.put(node, start);
        while (!todo.isEmpty()) {
            Step s = todo.poll();
            var it = g.find(Node.ANY, Node.ANY, s.node());
            while (it.hasNext()) {
                Triple t = it.next();
                if (!s.node().isBlank() && !FOLLOW.contains(t.getPredicate())) continue;
                Node from = t.getSubject();
                if (datasets.contains(from)) {
                    if (!replaced.contains(from)) {
                        it.close();
                        return true;
                    }
                    continue;
                }
                int cost = s.iris() + (from.isBlank() ? 0 : 1);
                if (cost > MAX_HOPS) continue;
                Integer seen = best.get(from);
                if (seen != null && seen <= cost) continue;
                best.put(from, cost);
                todo.add(new Step(from, cost));
            }
        }
        return false;
    }
}
