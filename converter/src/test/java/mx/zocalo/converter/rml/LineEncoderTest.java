package mx.zocalo.converter.rml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

class LineEncoderTest {
    private static final Node S = NodeFactory.createURI("https://datos.example.mx/id/ramo/Educaci%C3%B3n");
    private static final Node P = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");
    private static final Node G = NodeFactory.createURI("https://datos.example.mx/graph/cuenta-publica");

    /** Quads whose terms need every kind of care: escapes, non-ASCII, surrogate pairs, odd blank-node labels. */
    private static final List<Quad> TRICKY = List.of(
            Quad.create(Quad.defaultGraphNodeGenerated, S, P, NodeFactory.createLiteralLang("Educación Pública", "es-MX")),
            Quad.create(Quad.defaultGraphNodeGenerated, S, P, NodeFactory.createLiteralString("dice \"hola\"\\\nadiós\r")),
            Quad.create(G, S, P, NodeFactory.createLiteralString("emoji 😀 y 中文")),
            Quad.create(G, S, NodeFactory.createURI("https://ex.mx/n"), NodeFactory.createLiteralDT("42", XSDDatatype.XSDinteger)),
            Quad.create(G, S, NodeFactory.createURI("https://ex.mx/s"), NodeFactory.createLiteralDT("x", XSDDatatype.XSDstring)),
            Quad.create(G, NodeFactory.createBlankNode("ab12-x y/ñ_"), P, NodeFactory.createBlankNode("ab12-x y/ñ_")),
            Quad.create(G, NodeFactory.createBlankNode("ab12_x y/ñ-"), P, NodeFactory.createURI("https://ex.mx/ü/é")),
            Quad.create(NodeFactory.createBlankNode("graph 1"), S, P, NodeFactory.createBlankNode()));

    @Test
    void given_tricky_quads_when_encoded_as_nquads_then_jena_reads_back_the_same_dataset() {
        byte[] bytes = new LineEncoder(true).encode(TRICKY);

        DatasetGraph read = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(bytes)).lang(Lang.NQUADS).strict(true).parse(read);
        DatasetGraph expected = DatasetGraphFactory.create();
        TRICKY.forEach(expected::add);

        assertThat(read.stream().count()).isEqualTo(TRICKY.size());
        assertThat(IsoMatcher.isomorphic(expected, read)).isTrue();
    }

    @Test
    void given_quads_in_named_graphs_when_encoded_as_ntriples_then_the_graphs_are_left_out() {
        byte[] bytes = new LineEncoder(false).encode(TRICKY);

        String text = new String(bytes, StandardCharsets.UTF_8);
        DatasetGraph read = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(bytes)).lang(Lang.NTRIPLES).strict(true).parse(read);

        assertThat(text.lines()).hasSize(TRICKY.size());
        assertThat(read.getDefaultGraph().size()).isEqualTo(TRICKY.size());
        assertThat(text).doesNotContain("graph/cuenta-publica");
    }

    @Test
    void given_plain_terms_when_encoded_then_text_stays_readable_utf8_and_xsd_string_has_no_datatype() {
        String text = new String(new LineEncoder(true).encode(TRICKY.subList(0, 5)), StandardCharsets.UTF_8);

        assertThat(text.lines().toList()).containsExactly(
                "<https://datos.example.mx/id/ramo/Educaci%C3%B3n> <http://www.w3.org/2000/01/rdf-schema#label> \"Educación Pública\"@es-MX .",
                "<https://datos.example.mx/id/ramo/Educaci%C3%B3n> <http://www.w3.org/2000/01/rdf-schema#label> \"dice \\\"hola\\\"\\\\\\nadiós\\r\" .",
                "<https://datos.example.mx/id/ramo/Educaci%C3%B3n> <http://www.w3.org/2000/01/rdf-schema#label> \"emoji 😀 y 中文\" <https://datos.example.mx/graph/cuenta-publica> .",
                "<https://datos.example.mx/id/ramo/Educaci%C3%B3n> <https://ex.mx/n> \"42\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://datos.example.mx/graph/cuenta-publica> .",
                "<https://datos.example.mx/id/ramo/Educaci%C3%B3n> <https://ex.mx/s> \"x\" <https://datos.example.mx/graph/cuenta-publica> .");
    }

    @Test
    void given_an_iri_with_characters_ntriples_forbids_when_encoded_then_they_are_written_as_uchar() {
        Quad q = Quad.create(Quad.defaultGraphNodeGenerated, NodeFactory.createURI("http://ex.mx/a b>c"), P, S);

        String text = new String(new LineEncoder(true).encode(List.of(q)), StandardCharsets.UTF_8);

        assertThat(text).startsWith("<http://ex.mx/a\\u0020b\\u003Ec> ");
    }
}
