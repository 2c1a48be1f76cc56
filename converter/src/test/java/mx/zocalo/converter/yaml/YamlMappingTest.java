package mx.zocalo.converter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.TestData;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

class YamlMappingTest {
    static final String BASE = "https://datos.example.mx/";
    static final String ZOC = "http://example.com/def/zocalo#";
    static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    static final Node FIRST = NodeFactory.createURI(BASE + "id/ramo/H.%20Cámara%20de%20Diputados/2013/Aprobado/6529590684.0");
    static final Node ENTE_GRAPH = NodeFactory.createURI("http://example.com/graph/entes");

    private static DatasetGraph convert(Path mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(mapping).base(BASE).build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private static Node zoc(String local) {
        return NodeFactory.createURI(ZOC + local);
    }

    private static Node rdfs(String local) {
        return NodeFactory.createURI(RDFS + local);
    }

    @Test
    void given_yaml_mapping_when_converting_it_and_its_compiled_turtle_then_the_datasets_are_isomorphic() throws IOException {
        Path yaml = TestData.file("spending.yml");
        Path turtle = yaml.resolveSibling("spending.compiled.rml.ttl");   // beside the YAML: sources stay relative
        try (OutputStream out = Files.newOutputStream(turtle)) {
            YarrrmlMapping.compile(yaml, null).writeTurtle(out);
        }
        try {
            DatasetGraph fromYaml = convert(yaml);
            DatasetGraph fromTurtle = convert(turtle);

            assertThat(fromYaml.getDefaultGraph().size()).isGreaterThan(2064 * 8);
            assertThat(IsoMatcher.isomorphic(fromYaml, fromTurtle)).isTrue();
        } finally {
            Files.deleteIfExists(turtle);
        }
    }

    @Test
    void given_yaml_form_of_a_turtle_mapping_when_converting_then_the_same_dataset_as_the_turtle() {
        DatasetGraph fromYaml = convert(TestData.file("spending-simple.yml"));
        DatasetGraph fromTurtle = convert(TestData.file("spending.rml.ttl"));

        assertThat(fromYaml.getDefaultGraph().size()).isEqualTo(2064 * 2);
        assertThat(IsoMatcher.isomorphic(fromYaml, fromTurtle)).isTrue();
    }

    @Test
    void given_join_by_equal_condition_when_converting_then_each_row_links_to_the_subject_of_its_ente() {
        DatasetGraph dsg = convert(TestData.file("spending.yml"));
        Graph g = dsg.getDefaultGraph();
        Node legislativo = NodeFactory.createURI(BASE + "id/ente/Poder%20Legislativo");

        assertThat(g.find(FIRST, zoc("ente"), Node.ANY).mapWith(Triple::getObject).toList()).containsExactly(legislativo);
        assertThat(g.find(Node.ANY, zoc("ente"), Node.ANY).toList()).hasSize(2064);
        assertThat(dsg.getGraph(ENTE_GRAPH).contains(legislativo, RDF.type.asNode(), zoc("Ente"))).isTrue();
        for (Triple t : g.find(Node.ANY, zoc("ente"), Node.ANY).toList()) {
            assertThat(dsg.getGraph(ENTE_GRAPH).contains(t.getObject(), RDF.type.asNode(), zoc("Ente"))).isTrue();
        }
    }

    @Test
    void given_datatypes_languages_and_types_when_converting_then_literals_and_iris_are_typed_as_the_yaml_says() {
        DatasetGraph dsg = convert(TestData.file("spending.yml"));
        Graph g = dsg.getDefaultGraph();

        assertThat(g.contains(FIRST, RDF.type.asNode(), zoc("Asignacion"))).isTrue();
        assertThat(g.contains(FIRST, rdfs("label"), NodeFactory.createLiteralLang("H. Cámara de Diputados", "es"))).isTrue();
        assertThat(g.contains(FIRST, zoc("ciclo"), NodeFactory.createLiteralDT("2013", XSDDatatype.XSDgYear))).isTrue();
        assertThat(g.contains(FIRST, zoc("total"), NodeFactory.createLiteralDT("6529590684.0", XSDDatatype.XSDdecimal))).isTrue();
        assertThat(g.contains(FIRST, zoc("presupuesto"), NodeFactory.createLiteralString("Aprobado"))).isTrue();
        assertThat(g.contains(FIRST, zoc("ramo"), NodeFactory.createURI(ZOC + "ramo/H.%20Cámara%20de%20Diputados"))).isTrue();
        assertThat(g.contains(FIRST, rdfs("comment"), NodeFactory.createLiteralLang("Ramo H. Cámara de Diputados en 2013", "es-MX")))
                .isTrue();
        assertThat(g.contains(FIRST, zoc("fuente"), NodeFactory.createURI("https://www.transparenciapresupuestaria.gob.mx/")))
                .isTrue();
        assertThat(dsg.getGraph(ENTE_GRAPH).contains(NodeFactory.createURI(BASE + "id/ente/Poder%20Legislativo"), rdfs("label"),
                NodeFactory.createLiteralDT("Poder Legislativo", XSDDatatype.XSDstring))).isTrue();
    }

    @Test
    void given_yaml_mapping_when_converting_then_the_result_names_the_source_resolved_beside_the_yaml_file() {
        ConversionResult result = Conversion.builder().mapping(TestData.file("spending-simple.yml")).base(BASE).build()
                .run(StreamRDFLib.sinkNull());

        assertThat(result.rows()).isEqualTo(2064);
        assertThat(result.sources()).containsExactly(TestData.file("data_total.csv"));
    }

    @Test
    void given_wrong_key_when_converting_then_error_names_the_yaml_file_line_and_key() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> convert(TestData.file("spending-wrong-key.yml")));

        assertThat(e.getMessage()).startsWith("spending-wrong-key.yml, line 7, key \"pos\": unknown key in mapping \"Spending\"")
                .contains("po");
        assertThat(e.file()).isEqualTo("spending-wrong-key.yml");
        assertThat(e.rule()).isEqualTo("pos");
    }

    @Test
    void given_join_to_a_mapping_that_does_not_exist_when_converting_then_error_names_line_and_the_mappings() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> convert(TestData.file("spending-unknown-parent.yml")));

        assertThat(e.getMessage()).startsWith("spending-unknown-parent.yml, line 10, key \"mapping\": there is no mapping \"Entes\"")
                .contains("Spending, Ente");
    }

    @Test
    void given_invalid_yaml_syntax_when_converting_then_error_names_the_file_and_line() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> convert(TestData.file("spending-bad-syntax.yml")));

        assertThat(e.getMessage()).matches("spending-bad-syntax\\.yml, line \\d+: not valid YAML: .*");
    }

    @Test
    void given_yaml_mapping_when_compiling_then_the_graph_uses_the_rml_vocabulary_and_keeps_the_prefixes() {
        YarrrmlMapping m = YarrrmlMapping.compile(TestData.file("spending.yml"), null);

        assertThat(m.graph().getPrefixMapping().getNsPrefixURI("zoc")).isEqualTo(ZOC);
        assertThat(m.graph().find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI("http://w3id.org/rml/TriplesMap")).toList())
                .hasSize(2);
        assertThat(m.graph().find(Node.ANY, NodeFactory.createURI("http://w3id.org/rml/joinCondition"), Node.ANY).toList())
                .hasSize(1);
        assertThat(List.of(YarrrmlMapping.isYaml(Path.of("a.yml")), YarrrmlMapping.isYaml(Path.of("a.YAML")),
                YarrrmlMapping.isYaml(Path.of("a.rml.ttl")))).containsExactly(true, true, false);
    }

    @Test
    void given_base_in_the_yaml_when_converting_then_it_wins_and_relative_iris_resolve_against_it() {
        Graph g = convert(TestData.file("spending-base.yml")).getDefaultGraph();
        Node ramo = NodeFactory.createURI("https://gasto.example.mx/id/ramo/H.%20Cámara%20de%20Diputados");
        Node label = NodeFactory.createLiteralLang("H. Cámara de Diputados", "es");

        assertThat(g.contains(ramo, rdfs("label"), label)).isTrue();
        assertThat(g.contains(ramo, zoc("nombre"), label)).isTrue();
        assertThat(g.contains(ramo, zoc("ciclo"), NodeFactory.createLiteralDT("2013", XSDDatatype.XSDinteger))).isTrue();
        assertThat(g.contains(ramo, zoc("tipo"), NodeFactory.createURI("https://gasto.example.mx/tipo/presupuesto"))).isTrue();
        assertThat(g.contains(ramo, NodeFactory.createURI("https://gasto.example.mx/def/gasto#ramo"),
                NodeFactory.createLiteralString("H. Cámara de Diputados"))).isTrue();
        assertThat(g.find(Node.ANY, Node.ANY, Node.ANY).filterKeep(t -> t.getSubject().getURI().startsWith(BASE)).toList()).isEmpty();
    }

    @Test
    void given_relative_namespace_in_prefixes_when_converting_then_every_iri_resolves_against_the_base_as_in_turtle() {
        DatasetGraph fromYaml = convert(TestData.file("spending-relative-prefix.yml"));
        DatasetGraph fromTurtle = convert(TestData.file("spending-relative-prefix.rml.ttl"));
        Node graph = NodeFactory.createURI(BASE + "def/presupuesto#gasto");
        Node asignacion = NodeFactory.createURI(BASE + "def/presupuesto#Asignacion");
        Node first = NodeFactory.createURI(BASE + "id/presupuesto/H.%20Cámara%20de%20Diputados/2013/Aprobado");

        assertThat(relativeIris(fromYaml)).isEmpty();
        assertThat(fromYaml.getGraph(graph).contains(first, RDF.type.asNode(), asignacion)).isTrue();
        assertThat(fromYaml.getGraph(graph).contains(first, NodeFactory.createURI(BASE + "def/presupuesto#total"),
                NodeFactory.createLiteralDT("6529590684.0", new org.apache.jena.datatypes.BaseDatatype(BASE + "def/presupuesto#pesos"))))
                .isTrue();
        assertThat(fromYaml.getGraph(graph).contains(first, NodeFactory.createURI(BASE + "def/presupuesto#fuente"),
                NodeFactory.createURI(BASE + "def/presupuesto#transparencia"))).isTrue();
        assertThat(IsoMatcher.isomorphic(fromYaml, fromTurtle)).isTrue();
    }

    @Test
    void given_relative_namespace_when_compiling_to_turtle_then_the_turtle_keeps_it_relative_and_converts_the_same()
            throws IOException {
        Path yaml = TestData.file("spending-relative-prefix.yml");
        Path turtle = yaml.resolveSibling("spending-relative-prefix.compiled.rml.ttl");
        try (OutputStream out = Files.newOutputStream(turtle)) {
            YarrrmlMapping.compile(yaml, null).writeTurtle(out);
        }
        try {
            String text = Files.readString(turtle);

            assertThat(text).contains("<def/presupuesto#>").contains("<#Asignacion>").doesNotContain("file:");
            assertThat(IsoMatcher.isomorphic(convert(yaml), convert(turtle))).isTrue();
        } finally {
            Files.deleteIfExists(turtle);
        }
    }

    /** The IRIs of the dataset (graph names included) that are relative. */
    private static List<String> relativeIris(DatasetGraph dsg) {
        List<String> relative = new java.util.ArrayList<>();
        dsg.find().forEachRemaining(q -> {
            for (Node n : new Node[] {q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()}) {
                if (n.isURI() && org.apache.jena.irix.IRIx.create(n.getURI()).isRelative()) {
                    relative.add(n.getURI());
                }
                if (n.isLiteral() && n.getLiteralDatatypeURI() != null
                        && org.apache.jena.irix.IRIx.create(n.getLiteralDatatypeURI()).isRelative()) {
                    relative.add(n.getLiteralDatatypeURI());
                }
            }
        });
        return relative;
    }

    @Test
    void given_several_subjects_and_sources_when_converting_then_each_pair_is_a_triples_map_and_joins_reach_all() {
        YarrrmlMapping compiled = YarrrmlMapping.compile(TestData.file("spending-multiple.yml"), null);
        Graph g = convert(TestData.file("spending-multiple.yml")).getDefaultGraph();
        Node year = NodeFactory.createLiteralDT("2013", XSDDatatype.XSDgYear);

        assertThat(compiled.graph().find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI("http://w3id.org/rml/TriplesMap")).toList())
                .hasSize(5);
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/ramo/H.%20Cámara%20de%20Diputados"), zoc("ciclo"), year)).isTrue();
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/ente/Poder%20Legislativo"), zoc("ciclo"), year)).isTrue();
        assertThat(g.find(NodeFactory.createURI(BASE + "id/presupuesto/Aprobado/2013"), zoc("periodo"), Node.ANY)
                .mapWith(Triple::getObject).toList()).containsExactly(NodeFactory.createURI(BASE + "id/ciclo/2013"));
    }

    @Test
    void given_json_source_with_iterator_when_converting_then_the_rml_core_expected_output() throws IOException {
        DatasetGraph fromYaml = convert(TestData.file("students-json.yml"));
        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        org.apache.jena.riot.RDFDataMgr.read(expected,
                TestData.file("students-json.yml").resolveSibling("../rml-core/RMLTC0002a-JSON/output.nq").normalize().toString());

        assertThat(fromYaml.getDefaultGraph().size()).isEqualTo(3);
        assertThat(IsoMatcher.isomorphic(fromYaml, expected)).isTrue();
    }
}
