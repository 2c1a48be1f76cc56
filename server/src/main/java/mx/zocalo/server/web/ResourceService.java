package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Describes a resource the portal minted: its own triples from every graph, plus those of its
 * {@code #fragment} and (for datasets) {@code /child} resources that it links to. For a vocabulary
 * document ({@code /def/...}) the description is every term declared under it.
 */
final class ResourceService {
    private final Store store;
    private final PortalIris iris;

    ResourceService(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /** The description of {@code iri}; an empty graph when the portal knows nothing about it. */
    Graph describe(String iri) {
        Node s = NodeFactory.createURI(iri);
        return store.read(dsg -> {
            Graph g = GraphFactory.createDefaultGraph();
            copy(dsg, s, g);
            List<Node> children = new ArrayList<>();
            g.find(s, Node.ANY, Node.ANY).forEach(t -> {
                Node o = t.getObject();
                if (o.isURI() && (o.getURI().startsWith(iri + "#") || o.getURI().startsWith(iri + "/"))) children.add(o);
            });
            children.forEach(c -> copy(dsg, c, g));
            if (iris.localPath(iri) != null && iris.localPath(iri).startsWith("/def/")) {
                dsg.find(iris.vocabularyGraph(), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    Node subj = q.getSubject();
                    if (subj.isURI() && subj.getURI().startsWith(iri + "#")) g.add(q.asTriple());
                });
            }
            return g;
        });
    }

    /** Whether the store says anything about {@code iri} (as a subject, or as a vocabulary document with terms). */
    boolean known(String iri) {
        Node s = NodeFactory.createURI(iri);
        boolean def = iris.localPath(iri) != null && iris.localPath(iri).startsWith("/def/");
        return store.read(dsg -> {
            if (dsg.find(Node.ANY, s, Node.ANY, Node.ANY).hasNext()) return true;
            if (!def) return false;
            var it = dsg.find(iris.vocabularyGraph(), Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Node subj = it.next().getSubject();
                if (subj.isURI() && subj.getURI().startsWith(iri + "#")) return true;
            }
            return false;
        });
    }

    /** Triples elsewhere that point at {@code iri}, at most {@code limit}. */
    List<Triple> incoming(String iri, int limit) {
        Node o = NodeFactory.createURI(iri);
        return store.read(dsg -> {
            List<Triple> out = new ArrayList<>();
            var it = dsg.find(Node.ANY, Node.ANY, Node.ANY, o);
            while (it.hasNext() && out.size() < limit) {
                Triple t = it.next().asTriple();
                if (!out.contains(t)) out.add(t);
            }
            return out;
        });
    }

    /** The whole named graph of a dataset. */
    Graph datasetGraph(String slug) {
        return store.read(dsg -> {
            Graph g = GraphFactory.createDefaultGraph();
            dsg.getGraph(iris.datasetGraph(slug)).find().forEach(g::add);
            return g;
        });
    }

    /** The page a person reads about {@code iri} (see {@link ResourceView}); {@code null} when nothing is known. */
    ResourceView.Page view(String iri, String lang, java.util.Map<String, String> msg,
                           org.apache.jena.shared.PrefixMapping prefixes, int incomingPage, ResourceView.ValuesPage valuesPage) {
        return store.read(dsg -> ResourceView.build(dsg, iris, prefixes, iri, lang, msg, incomingPage, valuesPage));
    }

    /** The triples of {@code s}, and of the blank nodes it leads to (a concise bounded description). */
    private static void copy(DatasetGraph dsg, Node s, Graph into) {
        List<Node> todo = new ArrayList<>(List.of(s));
        java.util.Set<Node> done = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (!done.add(n)) continue;
            var it = dsg.find(Node.ANY, n, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                into.add(q.asTriple());
                if (q.getObject().isBlank()) todo.add(q.getObject());
            }
        }
    }
}
