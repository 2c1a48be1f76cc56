package mx.zocalo.server.publish;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * Counts in the store without reading values back: in TDB2, over an index range of node ids (what {@code Graph.size()}
 * does there); elsewhere, through {@code find}.
 */
final class StoreCounts {
    private StoreCounts() {}

    /** The triples of {@code graph} with the predicate {@code property}, inside the caller's transaction. */
    static long triples(DatasetGraph dsg, Node graph, Node property) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg); // a switchable container or a generation itself; null when not TDB2
        if (tdb != null) {
            return Iter.count(tdb.getQuadTable().getNodeTupleTable().findAsNodeIds(graph, null, property, null));
        }
        return Iter.count(dsg.find(graph, Node.ANY, property, Node.ANY));
    }
}
