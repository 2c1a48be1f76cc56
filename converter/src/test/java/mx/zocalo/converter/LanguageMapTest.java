package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;

class LanguageMapTest {
    static final String BASE = "https://datos.example.mx/";
    static final Node LABEL = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");

    @Test
    void given_language_map_by_reference_without_term_type_when_converting_then_each_label_gets_its_row_language() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file("language-map-reference.rml.ttl")).base(BASE).build()
                .run(StreamRDFLib.dataset(dsg));

        Graph g = dsg.getDefaultGraph();
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/mes/1"), LABEL, NodeFactory.createLiteralLang("enero", "es-MX"))).isTrue();
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/mes/2"), LABEL, NodeFactory.createLiteralLang("January", "en"))).isTrue();
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/mes/3"), LABEL, NodeFactory.createLiteralString("sin idioma"))).isTrue();
        assertThat(g.size()).isEqualTo(3);
    }
}
