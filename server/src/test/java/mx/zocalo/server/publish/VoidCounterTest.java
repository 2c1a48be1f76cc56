package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.CatalogRecord.VoidStats;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VoID figures counted as triples stream into the store equal those counted over the stored graph, also when the
 * stream repeats triples (a mapping that writes a shared resource on every row does), in a real TDB2 store.
 */
class VoidCounterTest {
    static final String EX = "http://example.org/";
    @TempDir
    Path tmp;

    @Test
    void streamed_figures_equal_the_stored_graphs_with_and_without_repeated_triples() {
        Node g = uri("graph/victimas");
        List<Node[]> stream = new ArrayList<>();
        for (int row = 0; row < 300; row++) {
            Node s = uri("row/" + row);
            Node state = uri("estado/" + (row % 7));
            stream.add(new Node[] {s, RDF.type.asNode(), uri("Victima")});
            stream.add(new Node[] {s, uri("estado"), state});
            stream.add(new Node[] {s, uri("total"), NodeFactory.createLiteralString(String.valueOf(row % 11))});
            // the state's own triples, written again on every row
            stream.add(new Node[] {state, RDF.type.asNode(), uri("Estado")});
            stream.add(new Node[] {state, uri("nombre"), NodeFactory.createLiteralString("Estado " + (row % 7))});
        }
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(tmp.resolve("tdb").toString());
        try {
            VoidCounter streamed = new VoidCounter();
            Txn.executeWrite(dsg, () -> stream.forEach(t -> {
                streamed.add(t[0], t[1], t[2]);
                dsg.add(new Quad(g, t[0], t[1], t[2]));
            }));
            Txn.executeRead(dsg, () -> {
                long stored = dsg.getGraph(g).size();
                assertThat(stored).isEqualTo(300 * 3 + 7 * 2).isLessThan(streamed.added());
                VoidStats counted = VoidCounter.count(dsg, g);
                VoidStats fromStream = streamed.result(dsg, g, stored);
                assertThat(fromStream).isEqualTo(counted);
                assertThat(fromStream.properties()).containsEntry(EX + "nombre", 7L).containsEntry(EX + "estado", 300L)
                        .containsEntry(RDF.type.getURI(), 307L);
            });
            // without repeats, the streamed figures need no store at all
            VoidCounter once = new VoidCounter();
            Txn.executeRead(dsg, () -> dsg.find(g, Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> once.add(q.getSubject(), q.getPredicate(), q.getObject())));
            Txn.executeRead(dsg, () -> assertThat(once.result()).isEqualTo(VoidCounter.count(dsg, g)));
        } finally {
            TDBInternal.expel(dsg);
        }
    }

    private static Node uri(String local) {
        return NodeFactory.createURI(EX + local);
    }
}
