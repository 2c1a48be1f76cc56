package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.jena.datatypes.BaseDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.ErrorHandlerFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

class AbsoluteIrisTest {
    static final String BASE = "https://datos.example.mx/";
    static final Node SUBJECT = NodeFactory.createURI(BASE + "id/colonia/1");

    @Test
    void given_a_quad_with_a_relative_class_when_checked_then_the_error_names_the_iri_and_the_triple() {
        Quad q = Quad.create(Quad.defaultGraphNodeGenerated, SUBJECT, RDF.type.asNode(), NodeFactory.createURI("def/presupuesto#Colonia"));

        ConversionException e = catchThrowableOfType(ConversionException.class, () -> AbsoluteIris.check(q));

        assertThat(e.getMessage()).startsWith("the relative IRI <def/presupuesto#Colonia> would be written, in the triple <"
                + BASE + "id/colonia/1> <" + RDF.type.getURI() + "> <def/presupuesto#Colonia>");
    }

    @Test
    void given_relative_graph_or_datatype_when_checked_then_refused_and_absolute_terms_pass() {
        Node relativeType = NodeFactory.createLiteralDT("12", new BaseDatatype("def/pesos"));
        Node label = NodeFactory.createLiteralLang("Centro", "es");

        assertThat(catchThrowableOfType(ConversionException.class, () -> AbsoluteIris.check(NodeFactory.createURI("graph/x"),
                SUBJECT, RDF.type.asNode(), SUBJECT)).getMessage()).contains("<graph/x>");
        assertThat(catchThrowableOfType(ConversionException.class, () -> AbsoluteIris.check(null, SUBJECT, RDF.type.asNode(),
                relativeType)).getMessage()).contains("<def/pesos>");
        assertThatCode(() -> AbsoluteIris.check(Quad.create(NodeFactory.createURI("urn:x-graph:1"), NodeFactory.createBlankNode(),
                RDF.value.asNode(), label))).doesNotThrowAnyException();
        assertThat(List.of(AbsoluteIris.isAbsolute("http://x"), AbsoluteIris.isAbsolute("urn:a"), AbsoluteIris.isAbsolute("x+y.z-1:"),
                AbsoluteIris.isAbsolute("def/x#y"), AbsoluteIris.isAbsolute("#y"), AbsoluteIris.isAbsolute("1a:b"),
                AbsoluteIris.isAbsolute(""), AbsoluteIris.isAbsolute("a/b:c"))).containsExactly(true, true, true, false, false, false,
                false, false);
    }

    @Test
    void given_a_batch_whose_quads_share_subject_and_predicate_when_checked_then_a_relative_object_or_predicate_is_found() {
        Node label = RDF.value.asNode();
        Quad ok = Quad.create(Quad.defaultGraphNodeGenerated, SUBJECT, label, NodeFactory.createLiteralString("uno"));
        Quad relativeObject = Quad.create(Quad.defaultGraphNodeGenerated, SUBJECT, label, NodeFactory.createURI("colonia/2"));
        Quad relativePredicate = Quad.create(Quad.defaultGraphNodeGenerated, SUBJECT, NodeFactory.createURI("def/nombre"),
                NodeFactory.createLiteralString("dos"));

        assertThatCode(() -> AbsoluteIris.checkAll(List.of(ok, ok, ok))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ConversionException.class, () -> AbsoluteIris.checkAll(List.of(ok, ok, relativeObject)))
                .getMessage()).contains("<colonia/2>");
        assertThat(catchThrowableOfType(ConversionException.class, () -> AbsoluteIris.checkAll(List.of(ok, relativePredicate)))
                .getMessage()).contains("<def/nombre>");
    }

    @Test
    void given_a_relative_rml_baseIRI_when_converting_then_the_mapping_is_refused_naming_the_triples_map() {
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> Conversion.builder()
                .mapping(TestData.file("relative-base-iri.rml.ttl")).base(BASE).build().run(StreamRDFLib.sinkNull()));

        assertThat(e.getMessage()).isEqualTo("relative-base-iri.rml.ttl: invalid mapping: <#Ramo>: the base IRI <datos/> is not "
                + "absolute (it needs a scheme, such as https:)");
    }

    @Test
    void given_yaml_mapping_with_relative_namespace_when_written_as_nquads_then_a_strict_parser_reads_every_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = Conversion.builder().mapping(TestData.file("spending-relative-prefix.yml")).base(BASE).build()
                .write(out, Conversion.LineFormat.NQUADS);
        DatasetGraph parsed = DatasetGraphFactory.createTxnMem();

        RDFParser.source(new ByteArrayInputStream(out.toByteArray())).lang(Lang.NQUADS).checking(true)
                .errorHandler(ErrorHandlerFactory.errorHandlerStrict).parse(parsed);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count()).isEqualTo(result.quads());
        assertThat(parsed.isEmpty()).isFalse();
    }
}
