package mx.zocalo.converter;

import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.source.TableOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.ArrayList;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;

class ConversionTest {
    static final String BASE = "https://datos.example.mx/";
    static final Node LABEL = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final Node ENTE = NodeFactory.createURI("http://example.com/def/zocalo#ente");

    private static DatasetGraph convert(String mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file(mapping)).base(BASE).build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    private static ConversionException failure(String mapping) {
        return catchThrowableOfType(ConversionException.class, () -> convert(mapping));
    }

    @Test
    void given_csv_mapping_when_converting_then_every_row_gives_a_percent_encoded_subject_and_a_label() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        ConversionResult result = Conversion.builder().mapping(TestData.file("spending.rml.ttl")).base(BASE).build()
                .run(StreamRDFLib.dataset(dsg));

        assertThat(result.rows()).isEqualTo(2064);
        assertThat(result.quads()).isEqualTo(2064 * 2);
        assertThat(result.sources()).containsExactly(TestData.file("data_total.csv"));
        Node first = NodeFactory.createURI(BASE + "id/ramo/H.%20Cámara%20de%20Diputados/2013/Aprobado/6529590684.0");
        assertThat(dsg.getDefaultGraph().contains(first, LABEL, NodeFactory.createLiteralLang("H. Cámara de Diputados", "es")))
                .isTrue();
    }

    @Test
    void given_unknown_column_when_converting_then_error_names_file_column_rule_and_available_columns() {
        ConversionException e = failure("spending-unknown-column.rml.ttl");

        assertThat(e.file()).isEqualTo("data_total.csv");
        assertThat(e.column()).isEqualTo("RAMOS");
        assertThat(e.rule()).isEqualTo("object map for rdfs:label of <#Spending>");
        assertThat(e.getMessage())
                .startsWith("data_total.csv: column \"RAMOS\" does not exist (object map for rdfs:label of <#Spending>)")
                .contains("the columns are: \"CICLO\", \"ENTE\", \"RAMO\"");
    }

    @Test
    void given_value_that_makes_an_invalid_iri_when_converting_then_error_names_file_row_line_column_and_rule() {
        ConversionException e = failure("spending-invalid-iri.rml.ttl");

        assertThat(e.getMessage()).isEqualTo("data_total.csv, row 1 (line 2), column \"RAMO\": value \"H. Cámara de Diputados\" "
                + "makes an invalid IRI <https://datos.example.mx/H. Cámara de Diputados> in reference \"RAMO\" "
                + "(subject map of <#Spending>)");
        assertThat(e.row()).isEqualTo(1);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("RAMO");
        assertThat(e.rule()).isEqualTo("subject map of <#Spending>");
    }

    @Test
    void given_missing_source_file_when_converting_then_error_names_the_path_it_tried() {
        ConversionException e = failure("missing-source.rml.ttl");

        assertThat(e.getMessage()).contains(TestData.file("data_total.csv").getParent().resolve("no-such-file.csv").toString())
                .contains("logical source of <#Spending>");
    }

    @Test
    void given_malformed_mapping_when_converting_then_error_names_file_line_and_column() {
        ConversionException e = failure("malformed.rml.ttl");

        assertThat(e.getMessage()).startsWith("malformed.rml.ttl, line 7, column 5: ");
        assertThat(e.file()).isEqualTo("malformed.rml.ttl");
    }

    @Test
    void given_join_on_a_column_when_converting_then_each_child_gets_the_one_matching_parent() {
        DatasetGraph dsg = convert("spending-join.rml.ttl");

        List<Triple> entes = dsg.getDefaultGraph().find(Node.ANY, ENTE, Node.ANY).toList();
        Set<Node> children = entes.stream().map(Triple::getSubject).collect(Collectors.toSet());
        assertThat(children).hasSize(2064);
        assertThat(entes).hasSize(2064);
        Node first = NodeFactory.createURI(BASE + "id/ramo/H.%20Cámara%20de%20Diputados/2013/Aprobado/6529590684.0");
        assertThat(dsg.getDefaultGraph().find(first, ENTE, Node.ANY).toList())
                .extracting(Triple::getObject)
                .containsExactly(NodeFactory.createURI(BASE + "id/ente/Poder%20Legislativo"));
    }

    @Test
    void given_graph_in_subject_map_when_converting_then_quads_go_to_that_named_graph() {
        DatasetGraph dsg = convert("spending-graph.rml.ttl");

        Node graph = NodeFactory.createURI("http://example.com/graph/spending");
        assertThat(dsg.getDefaultGraph().size()).isZero();
        assertThat(dsg.getGraph(graph).size()).isEqualTo(2064);
        assertThat(dsg.stream().allMatch(q -> q.getGraph().equals(graph))).isTrue();
        assertThat(dsg.find(graph, Node.ANY, LABEL, Node.ANY).next()).isInstanceOf(Quad.class);
    }

    @Test
    void given_xlsx_source_when_converting_then_every_row_of_the_first_sheet_is_mapped_with_integers_as_written() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        ConversionResult result = Conversion.builder().mapping(TestData.file("crime.rml.ttl")).base(BASE).build()
                .run(StreamRDFLib.dataset(dsg));

        assertThat(result.rows()).isEqualTo(38016);
        Node first = NodeFactory.createURI(BASE
                + "id/incidencia/1997/AGUASCALIENTES/DELITOS%20PATRIMONIALES/ABUSO%20DE%20CONFIANZA/ABUSO%20DE%20CONFIANZA");
        Node total = NodeFactory.createURI("http://example.com/def/zocalo#total");
        assertThat(dsg.getDefaultGraph().find(first, total, Node.ANY).next().getObject().getLiteralLexicalForm())
                .isEqualTo("253");
    }

    @Test
    void given_reference_to_a_column_name_repeated_in_the_header_when_converting_then_error_says_it_is_ambiguous() {
        ConversionException e = failure("uanl-duplicate-column.rml.ttl");

        assertThat(e.getMessage()).isEqualTo("uanl_dependencia_mes.csv: column \"Sueldo Neto\" appears 5 times in the header, "
                + "so the reference is ambiguous (object map for zoc:sueldoNeto of <#Sueldos>); rename the columns");
    }

    @Test
    void given_skipping_row_error_handler_when_a_row_fails_then_it_is_reported_and_leaves_no_quads() {
        // The subject is the RAMO value itself: 1,728 rows have a space in it (invalid IRI), 336 rows do not.
        List<ConversionException> skipped = new java.util.ArrayList<>();
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();

        ConversionResult result = Conversion.builder().mapping(TestData.file("spending-invalid-iri.rml.ttl")).base(BASE)
                .rowErrors(skipped::add).build().run(StreamRDFLib.dataset(dsg));

        assertThat(result.rows()).isEqualTo(2064);
        assertThat(skipped).hasSize(1728).allSatisfy(e -> assertThat(e.column()).isEqualTo("RAMO"));
        assertThat(result.skippedRows()).isEqualTo(1728);
        assertThat(skipped.get(1).row()).isEqualTo(2);
        assertThat(result.quads()).isEqualTo(336);
        // The kept rows name 8 distinct branches, one label each.
        assertThat(dsg.getDefaultGraph().size()).isEqualTo(8);
    }

    @Test
    void given_language_map_and_datatype_map_when_converting_then_literals_carry_them() {
        DatasetGraph dsg = convert("accidents-language-map.rml.ttl");

        Node enero = NodeFactory.createURI(BASE + "id/accidentes/Aguascalientes/enero");
        assertThat(dsg.getDefaultGraph().find(enero, LABEL, Node.ANY).next().getObject())
                .isEqualTo(NodeFactory.createLiteralLang("enero", "es-MX"));
        Node accidentes = NodeFactory.createURI("http://example.com/def/zocalo#accidentes");
        Node count = dsg.getDefaultGraph().find(enero, accidentes, Node.ANY).next().getObject();
        assertThat(count.getLiteralLexicalForm()).isEqualTo("17.0");
        assertThat(count.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#decimal");
    }

    @Test
    void given_csvw_dialect_skipping_a_title_row_when_converting_xlsx_then_the_second_row_is_the_header() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        List<ConversionException> skipped = new ArrayList<>();
        Conversion.builder().mapping(TestData.file("municipios-csvw.rml.ttl")).base(BASE).rowErrors(skipped::add).build()
                .run(StreamRDFLib.dataset(dsg));

        assertThat(skipped).isNotEmpty().allSatisfy(e -> assertThat(e.getMessage()).contains("\"n. d.\" does not fit its datatype"));

        Node monterrey = NodeFactory.createURI(BASE + "id/municipio/19039");
        assertThat(dsg.getDefaultGraph().find(monterrey, LABEL, Node.ANY).next().getObject())
                .isEqualTo(NodeFactory.createLiteralLang("Monterrey", "es"));
        assertThat(dsg.getDefaultGraph().contains(NodeFactory.createURI(BASE + "id/municipio/01001"), LABEL,
                NodeFactory.createLiteralLang("Aguascalientes", "es"))).as("leading zeros of the text code").isTrue();
    }

    @Test
    void given_value_that_does_not_fit_its_datatype_when_converting_then_error_names_sheet_row_column_datatype_and_rule() {
        ConversionException e = failure("municipios-csvw.rml.ttl");

        assertThat(e.getMessage()).isEqualTo("siha_2_2_4_9_dic_2015.xlsx (sheet \"Fuero común\"), row 615 (line 619), column \"2011\": "
                + "value \"n. d.\" does not fit its datatype xsd:integer (reference \"2011\"); if \"n. d.\" means no value, list "
                + "it on the source with rml:null \"n. d.\" (object map for zoc:delitos2011 of <#Municipio>)");
        assertThat(e.row()).isEqualTo(615);
        assertThat(e.column()).isEqualTo("2011");
    }

    @Test
    void given_csvw_dialect_with_encoding_when_converting_then_latin1_accents_survive() {
        DatasetGraph dsg = convert("latin1-csvw.rml.ttl");

        Node pobtot = NodeFactory.createURI(BASE + "id/indicador/pobtot_ajustada");
        assertThat(dsg.getDefaultGraph().find(pobtot, LABEL, Node.ANY).next().getObject().getLiteralLexicalForm())
                .isEqualTo("Población total");
    }

    @Test
    void given_unsupported_csvw_dialect_property_when_converting_then_mapping_is_rejected_naming_it() {
        ConversionException e = failure("unsupported-dialect.rml.ttl");

        assertThat(e.getMessage()).contains("csvw:trim is not supported", "<#Spending>");
    }

    @Test
    void given_table_without_mapping_when_converting_then_each_row_is_a_resource_with_one_typed_literal_per_cell() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        AutoMapping inferred = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO,
                "https://datos.example.mx/", null, null);
        ConversionResult result = Conversion.builder().auto(inferred).build().run(StreamRDFLib.dataset(dsg));

        Node rowClass = NodeFactory.createURI("https://datos.example.mx/def/sct-71-accidentes-mes#Registro");
        List<Node> rows = dsg.getDefaultGraph().find(Node.ANY, NodeFactory.createURI(RDF_TYPE), rowClass)
                .mapWith(Triple::getSubject).toList();
        assertThat(result.rows()).isEqualTo(384);
        assertThat(rows).hasSize(384).allMatch(Node::isURI);
        Node first = NodeFactory.createURI("https://datos.example.mx/id/sct-71-accidentes-mes/row/1");
        assertThat(rows).contains(first);
        assertThat(dsg.getDefaultGraph().find(first, Node.ANY, Node.ANY).toList()).hasSize(8); // type, label, 6 cells
        Node mes = NodeFactory.createURI("https://datos.example.mx/def/sct-71-accidentes-mes#mes");
        assertThat(dsg.getDefaultGraph().contains(Node.ANY, mes, NodeFactory.createLiteralString("enero"))).isTrue();
    }

    @Test
    void given_both_mapping_and_inferred_mapping_when_building_then_rejected() {
        AutoMapping inferred = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO,
                "https://datos.example.mx/", null, null);
        Conversion.Builder both = Conversion.builder().mapping(TestData.file("spending.rml.ttl")).auto(inferred);
        org.assertj.core.api.Assertions.assertThatThrownBy(both::build).isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(Conversion.builder()::build)
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void given_base_in_mapping_and_rml_baseIRI_when_converting_then_they_win_over_the_builder_base() {
        DatasetGraph dsg = convert("cwd-and-base.rml.ttl");

        Node literal = NodeFactory.createLiteralString("Nuevo Leon");
        List<Node> subjects = dsg.getDefaultGraph().find(Node.ANY, LABEL, literal).mapWith(Triple::getSubject).toList();
        assertThat(subjects).containsExactlyInAnyOrder(
                NodeFactory.createURI("http://example.org/mapping-base/estado/Nuevo%20Leon"),
                NodeFactory.createURI("http://example.net/other/estado/Nuevo%20Leon"));
    }
}
