package mx.zocalo.server.publish;

import mx.zocalo.converter.AbsoluteIris;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Puts every triple and quad a conversion produces into one named graph of a dataset: the one door from a conversion into
 * the store (and so into the downloads, which are written from it). A relative IRI is refused ({@link AbsoluteIris}): the
 * write transaction aborts and the version already published stays.
 */
final class GraphSink extends StreamRDFBase {
    private final DatasetGraph dsg;
    private final Node graph;

    GraphSink(DatasetGraph dsg, Node graph) {
        this.dsg = dsg;
        this.graph = graph;
    }

    @Override
    public void triple(Triple t) {
        AbsoluteIris.check(graph, t.getSubject(), t.getPredicate(), t.getObject());
        dsg.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
    }

    @Override
    public void quad(Quad q) {
        AbsoluteIris.check(graph, q.getSubject(), q.getPredicate(), q.getObject());
        dsg.add(graph, q.getSubject(), q.getPredicate(), q.getObject());
    }
}
