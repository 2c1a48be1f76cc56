package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.TestData;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows made by the automatic mapping are labelled by the columns that read as names. */
class RowLabelTest {
    static final String BASE = "https://datos.example.mx/";

    @TempDir
    Path dir;

    private static List<Node> labels(Graph g, String iri) {
        return g.find(NodeFactory.createURI(iri), RDFS.label.asNode(), Node.ANY).mapWith(Triple::getObject).toList();
    }

    private static Node es(String text) {
        return NodeFactory.createLiteralLang(text, "es");
    }

    private static String explain(AutoMapping m) {
        StringWriter text = new StringWriter();
        m.explain(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void given_the_spending_table_when_converted_then_each_row_is_labelled_by_its_branch_year_and_budget_stage() {
        AutoMapping m = AutoMapping.infer(TestData.file("data_total.csv"), TableOptions.AUTO, BASE, "gasto", null);
        Graph g = AutoMappingTest.convert(m);

        // line 2 of the file: 2013,Poder Legislativo,H. Cámara de Diputados,Aprobado,...
        assertThat(labels(g, BASE + "id/gasto/row/1")).containsExactly(es("H. Cámara de Diputados, 2013, Aprobado"));
        assertThat(m.label().columns()).extracting(ColumnProfile::title).containsExactly("RAMO", "CICLO", "PRESUPUESTO");
        assertThat(g.find(Node.ANY, RDFS.label.asNode(), Node.ANY).toList().stream()
                .filter(t -> t.getSubject().getURI().startsWith(BASE + "id/gasto/row/"))).hasSize(2064);
        assertThat(explain(m)).contains("labels:     rdfs:label \"{RAMO}, {CICLO}, {PRESUPUESTO}\"@es, e.g. \"H. Cámara de Diputados, 2013, Aprobado\"",
                "\"RAMO\" reads as a name; \"CICLO\" and \"PRESUPUESTO\" tell apart rows with the same \"RAMO\"");
    }

    @Test
    void given_the_accidents_table_when_converted_then_state_and_month_label_every_row_and_no_two_alike() {
        AutoMapping m = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO, BASE, "accidentes", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(labels(g, BASE + "id/accidentes/row/1")).containsExactly(es("Aguascalientes, enero"));
        assertThat(labels(g, BASE + "id/accidentes/row/384")).containsExactly(es("Zacatecas, diciembre"));
        List<Node> all = g.find(Node.ANY, RDFS.label.asNode(), Node.ANY).mapWith(Triple::getObject)
                .filterKeep(n -> n.getLiteralLanguage().equals("es")).toList();
        assertThat(all.stream().filter(n -> n.getLiteralLexicalForm().contains(", ")).distinct()).hasSize(384);
    }

    @Test
    void given_the_municipal_crime_workbook_when_converted_then_a_municipality_with_its_state_not_its_code() {
        AutoMapping m = AutoMapping.infer(TestData.file("siha_2_2_4_9_dic_2015.xlsx"), TableOptions.AUTO, BASE, "delitos", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(m.idColumn().title()).isEqualTo("Clave");
        assertThat(labels(g, BASE + "id/delitos/19039")).containsExactly(es("Monterrey, Nuevo León"));
        // "Benito Juárez" is a municipality of several states: the state tells them apart
        assertThat(labels(g, BASE + "id/delitos/23005")).containsExactly(es("Benito Juárez, Quintana Roo"));
    }

    @Test
    void given_blocks_of_the_census_when_converted_then_codes_in_the_label_follow_their_column_name() {
        AutoMapping m = AutoMapping.infer(TestData.file("RESAGEBURB_17CSV20.csv.gz"), TableOptions.AUTO, BASE, "manzanas", null);

        assertThat(m.label().template(c -> "{" + c.title() + "}", "{n}")).isEqualTo("{nom_loc}, ageb {ageb}, mza {mza}");
    }

    @Test
    void given_a_unique_first_column_of_names_when_converted_then_it_names_and_labels_the_rows() throws IOException {
        Path f = dir.resolve("estados.csv");
        Files.writeString(f, "estado,poblacion\nAguascalientes,1425607\nBaja California,3769020\nNuevo León,5784442\n");
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "estados", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(m.idColumn().title()).isEqualTo("estado");
        assertThat(labels(g, BASE + "id/estados/Nuevo%20León")).containsExactly(es("Nuevo León"));
    }

    @Test
    void given_a_table_of_numbers_and_codes_when_converted_then_rows_are_labelled_by_number_in_spanish_and_english() throws IOException {
        Path f = dir.resolve("medidas.csv");
        Files.writeString(f, "cve,valor\nA01,1.5\nA01,2.5\nB_2,3.5\n");
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "medidas", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(m.label().byRowNumber()).isTrue();
        assertThat(labels(g, BASE + "id/medidas/row/3")).containsExactlyInAnyOrder(es("Fila 3"), NodeFactory.createLiteralLang("Row 3", "en"));
        assertThat(explain(m)).contains("labels:     rdfs:label \"Fila {n}\"@es, \"Row {n}\"@en", "no column reads as a name");
    }

    @Test
    void given_a_label_column_with_an_empty_cell_when_converted_then_that_row_has_no_label_as_in_a_template() throws IOException {
        Path f = dir.resolve("municipios.csv");
        StringBuilder text = new StringBuilder("clave,municipio,total\n");
        for (int i = 1; i <= 40; i++) {
            text.append(String.format("%05d,%s,%d%n", 19000 + i, i == 7 ? "" : "Municipio número " + i, i * 10));
        }
        Files.writeString(f, text);
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "m", null);
        Graph g = AutoMappingTest.convert(m);

        assertThat(labels(g, BASE + "id/m/19006")).containsExactly(es("Municipio número 6"));
        assertThat(labels(g, BASE + "id/m/19007")).isEmpty();
    }

    @Test
    void given_csvw_metadata_when_written_then_a_virtual_label_column_describes_the_label() throws IOException {
        AutoMapping m = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO, BASE, "accidentes", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeCsvw(out, "sct_71_accidentes_mes.csv");
        JsonNode columns = new ObjectMapper().readTree(out.toByteArray()).path("tableSchema").path("columns");
        JsonNode label = columns.get(columns.size() - 1);

        assertThat(label.path("name").asText()).isEqualTo("_label");
        assertThat(label.path("virtual").asBoolean()).isTrue();
        assertThat(label.path("propertyUrl").asText()).isEqualTo("rdfs:label");
        assertThat(label.path("lang").asText()).isEqualTo("es");
        assertThat(label.path("dc:description").path("@value").asText()).contains("\"{entidad_federativa}, {mes}\"@es");
    }

    @Test
    void given_the_suggested_yaml_of_a_table_labelled_by_number_when_converted_then_the_same_graph_as_auto() throws IOException {
        Path f = dir.resolve("medidas.csv");
        Files.writeString(f, "cve,valor\nA01,1.5\nA01,2.5\nB_2,3.5\n");
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "medidas", null);
        Path yaml = dir.resolve("medidas.yml");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(yaml, StandardCharsets.UTF_8))) {
            m.writeYaml(w, "medidas.csv");
        }
        Graph viaYaml = GraphFactory.createDefaultGraph();
        Conversion.builder().mapping(yaml).base(BASE).build().run(StreamRDFLib.graph(viaYaml));

        assertThat(Files.readString(yaml)).contains("- [rdfs:label, \"Fila $(_row)\", es~lang]", "- [rdfs:label, \"Row $(_row)\", en~lang]");
        assertThat(viaYaml.isIsomorphicWith(AutoMappingTest.convert(m))).isTrue();
    }
}
