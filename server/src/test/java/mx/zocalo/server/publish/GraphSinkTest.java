package mx.zocalo.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphSinkTest {
    static final Node GRAPH = NodeFactory.createURI("https://datos.example.mx/graph/colonias");
    static final Node COLONIA = NodeFactory.createURI("https://datos.example.mx/id/colonia/1");

    @Test
    void a_relative_iri_is_refused_at_the_door_of_the_store_and_the_write_leaves_nothing(@TempDir Path data) {
        try (TdbStore store = TdbStore.open(data)) {
            assertThatThrownBy(() -> store.write(dsg -> {
                GraphSink sink = new GraphSink(dsg, GRAPH);
                sink.triple(Triple.create(COLONIA, RDF.type.asNode(), NodeFactory.createURI("https://datos.example.mx/def/Colonia")));
                sink.triple(Triple.create(COLONIA, RDF.type.asNode(), NodeFactory.createURI("def/presupuesto#Colonia")));
            })).isInstanceOf(ConversionException.class).hasMessageContaining("<def/presupuesto#Colonia>")
                    .hasMessageContaining("<https://datos.example.mx/id/colonia/1>");

            assertThat(store.<Long>read(dsg -> dsg.stream().count())).isZero();
        }
    }
}
