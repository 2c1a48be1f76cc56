package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Map;
import java.util.stream.Collectors;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.TestData;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoMappingTest {
    static final String BASE = "https://datos.example.mx/";

    @TempDir
    Path dir;

    static Graph convert(AutoMapping inferred) {
        Graph graph = GraphFactory.createDefaultGraph();
        Conversion.builder().auto(inferred).build().run(StreamRDFLib.graph(graph));
        return graph;
    }

    static Map<String, ColumnType> types(AutoMapping m) {
        return m.columns().stream().collect(Collectors.toMap(ColumnProfile::title, ColumnProfile::type));
    }

    static long rowResources(Graph g, AutoMapping m) {
        return g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(m.classIri())).toList().size();
    }

    static List<Node> objects(Graph g, AutoMapping m, String column) {
        ColumnProfile c = m.columns().stream().filter(p -> p.title().equals(column)).findFirst().orElseThrow();
        return g.find(Node.ANY, NodeFactory.createURI(m.propertyIri(c)), Node.ANY).mapWith(Triple::getObject).toList();
    }

    Path csv(String text) throws IOException {
        Path f = dir.resolve("tabla.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    // ---- values

    @Test
    void given_missing_value_markers_when_checked_then_all_are_missing_whatever_the_case_and_spaces() {
        for (String v : List.of("", " ", "NA", "n/a", "N/D", "n. d.", "n.d.", "ND", "-", "--", "…", " na ")) {
            assertThat(Values.isMissing(v)).as(v).isTrue();
        }
        for (String v : List.of("0", "no", "Nada", "N", "n. d. = No disponible")) {
            assertThat(Values.isMissing(v)).as(v).isFalse();
        }
    }

    @Test
    void given_numbers_written_with_group_and_decimal_marks_when_inferred_then_canonical_decimals_and_integers() throws IOException {
        AutoMapping m = AutoMapping.infer(csv("""
                clave,monto,europeo,coma,conteo,codigo,activo,fecha,iso,momento,nota
                A1,"1,234.5","1.234,5","12,5",17.0,019039,sí,01/03/2014,2014-03-01,2014-03-01 10:30,x
                A2,2000,"2.000,25","3,0",18.0,019040,no,31/12/2015,2015-12-31,2015-12-31T23:59:59Z,n. d.
                A3,-0.50,N/D,"7,25",NA,019041,Sí,-,NA,2016-01-01T00:00:00,y
                """), TableOptions.AUTO.withDelimiter(','), BASE, "t", null);

        assertThat(types(m)).containsEntry("clave", ColumnType.STRING).containsEntry("monto", ColumnType.DECIMAL)
                .containsEntry("europeo", ColumnType.DECIMAL).containsEntry("coma", ColumnType.DECIMAL)
                .containsEntry("conteo", ColumnType.INTEGER).containsEntry("codigo", ColumnType.STRING)
                .containsEntry("activo", ColumnType.BOOLEAN).containsEntry("fecha", ColumnType.DATE)
                .containsEntry("iso", ColumnType.DATE).containsEntry("momento", ColumnType.DATE_TIME)
                .containsEntry("nota", ColumnType.STRING);
        Graph g = convert(m);
        assertThat(objects(g, m, "monto")).containsExactlyInAnyOrder(decimal("1234.5"), decimal("2000.0"), decimal("-0.5"));
        assertThat(objects(g, m, "europeo")).containsExactlyInAnyOrder(decimal("1234.5"), decimal("2000.25"));
        assertThat(objects(g, m, "coma")).containsExactlyInAnyOrder(decimal("12.5"), decimal("3.0"), decimal("7.25"));
        assertThat(objects(g, m, "conteo")).containsExactlyInAnyOrder(
                NodeFactory.createLiteralDT("17", XSDDatatype.XSDinteger), NodeFactory.createLiteralDT("18", XSDDatatype.XSDinteger));
        assertThat(objects(g, m, "codigo")).contains(NodeFactory.createLiteralString("019039"));
        assertThat(objects(g, m, "activo")).containsExactlyInAnyOrder(bool("true"), bool("false"), bool("true"));
        assertThat(objects(g, m, "fecha")).containsExactlyInAnyOrder(date("2014-03-01"), date("2015-12-31"));
        assertThat(objects(g, m, "momento")).containsExactlyInAnyOrder(
                NodeFactory.createLiteralDT("2014-03-01T10:30:00", XSDDatatype.XSDdateTime),
                NodeFactory.createLiteralDT("2015-12-31T23:59:59Z", XSDDatatype.XSDdateTime),
                NodeFactory.createLiteralDT("2016-01-01T00:00:00", XSDDatatype.XSDdateTime));
        assertThat(objects(g, m, "nota")).hasSize(2);
        // clave is unique and named like an identifier: it names the rows
        assertThat(m.idColumn().title()).isEqualTo("clave");
        assertThat(g.contains(NodeFactory.createURI(BASE + "id/t/A1"), RDF.type.asNode(), NodeFactory.createURI(BASE + "def/t#Registro"))).isTrue();
    }

    @Test
    void given_a_column_of_ones_and_zeros_when_inferred_then_integer_not_boolean() throws IOException {
        AutoMapping m = AutoMapping.infer(csv("a,b\n1,x\n0,y\n1,z\n"), TableOptions.AUTO.withDelimiter(','), BASE, "t", null);

        assertThat(types(m)).containsEntry("a", ColumnType.INTEGER);
    }

    @Test
    void given_ambiguous_1_234_when_inferred_then_the_dot_is_the_decimal_mark() throws IOException {
        AutoMapping m = AutoMapping.infer(csv("a\n1.234\n2.500\n"), TableOptions.AUTO.withDelimiter(','), BASE, "t", null);

        assertThat(types(m)).containsEntry("a", ColumnType.DECIMAL);
        assertThat(objects(convert(m), m, "a")).containsExactlyInAnyOrder(decimal("1.234"), decimal("2.5"));
    }

    @Test
    void given_headers_with_accents_and_repeats_when_named_then_safe_unique_local_names() {
        assertThat(AutoMapping.localNames(List.of("Año", "TOTAL AÑO", "Núm.", "año", "", "GC_GASTO_DE_OPERACIÓN")))
                .containsExactly("ano", "total_ano", "num", "ano_2", "columna_5", "gc_gasto_de_operacion");
        // a name that starts with a digit is no XML name (RDF/XML could not write the property)
        assertThat(AutoMapping.localNames(List.of("2011", "2011", "1er trimestre"))).containsExactly("c2011", "c2011_2", "c1er_trimestre");
        assertThat(AutoMapping.slugOf("Indicadores_municipales_sabana_DIC.csv")).isEqualTo("indicadores-municipales-sabana-dic");
    }

    @Test
    void given_id_column_option_when_inferred_then_rows_are_named_by_it_and_a_repeated_column_is_refused() throws IOException {
        Path f = csv("nombre,num,grupo\nAna,10,a\nBeto,20,a\n");
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO.withDelimiter(','), BASE, "t", "num");
        assertThat(convert(m).contains(NodeFactory.createURI(BASE + "id/t/20"), Node.ANY, Node.ANY)).isTrue();

        assertThatThrownBy(() -> AutoMapping.infer(f, TableOptions.AUTO.withDelimiter(','), BASE, "t", "grupo"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("some values repeat");
        assertThatThrownBy(() -> AutoMapping.infer(f, TableOptions.AUTO.withDelimiter(','), BASE, "t", "nada"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("no column \"nada\"");
    }

    // ---- real files

    @Test
    void given_spending_table_when_converted_then_a_resource_per_row_with_inferred_types_and_described_properties() {
        AutoMapping m = AutoMapping.infer(TestData.file("data_total.csv"), TableOptions.AUTO, BASE, null, null);
        Graph g = convert(m);

        assertThat(m.rows()).isEqualTo(2064);
        assertThat(rowResources(g, m)).isEqualTo(2064);
        assertThat(m.idColumn()).isNull();
        assertThat(types(m)).containsEntry("CICLO", ColumnType.INTEGER).containsEntry("RAMO", ColumnType.STRING)
                .containsEntry("ENTE", ColumnType.STRING).containsEntry("TOTAL", ColumnType.DECIMAL)
                .containsEntry("GC_GASTO_DE_OPERACIÓN", ColumnType.DECIMAL).containsEntry("PORCENTAJE_INVERSIÓN", ColumnType.DECIMAL);
        Node row1 = NodeFactory.createURI(BASE + "id/data-total/row/1");
        Node ciclo = NodeFactory.createURI(BASE + "def/data-total#ciclo");
        assertThat(g.contains(row1, ciclo, NodeFactory.createLiteralDT("2013", XSDDatatype.XSDinteger))).isTrue();
        assertThat(g.contains(Node.ANY, NodeFactory.createURI(BASE + "def/data-total#ente"),
                NodeFactory.createLiteralString("Órganos Autónomos"))).isTrue();
        Node gasto = NodeFactory.createURI(BASE + "def/data-total#gc_gasto_de_operacion");
        assertThat(g.contains(gasto, RDF.type.asNode(), RDF.Property.asNode())).isTrue();
        assertThat(g.contains(gasto, RDFS.label.asNode(), NodeFactory.createLiteralLang("GC_GASTO_DE_OPERACIÓN", "es"))).isTrue();
        assertThat(g.contains(gasto, RDFS.range.asNode(), NodeFactory.createURI(XSDDatatype.XSDdecimal.getURI()))).isTrue();
        // empty cells give no triple: 40 of GC_SERVICIOS_PERSONALES are empty
        assertThat(objects(g, m, "GC_SERVICIOS_PERSONALES")).hasSize(2064 - 40);
    }

    @Test
    void given_municipal_crime_workbook_with_title_rows_when_converted_then_clave_keeps_leading_zeros_and_n_d_gives_no_triple() {
        AutoMapping m = AutoMapping.infer(TestData.file("siha_2_2_4_9_dic_2015.xlsx"), TableOptions.AUTO, BASE,
                "delitos-municipales", null);
        Graph g = convert(m);

        assertThat(rowResources(g, m)).isEqualTo(m.rows()).isEqualTo(2457); // the footnotes under the table are no rows
        assertThat(m.idColumn().title()).isEqualTo("Clave");
        assertThat(types(m)).containsEntry("Clave", ColumnType.STRING).containsEntry("Estado", ColumnType.STRING)
                .containsEntry("2011", ColumnType.INTEGER).containsEntry("2014", ColumnType.INTEGER);
        assertThat(objects(g, m, "Clave")).contains(NodeFactory.createLiteralString("01001"), NodeFactory.createLiteralString("19039"));
        assertThat(objects(g, m, "Estado")).contains(NodeFactory.createLiteralString("Nuevo León"));
        ColumnProfile y2011 = m.columns().stream().filter(c -> c.title().equals("2011")).findFirst().orElseThrow();
        assertThat(y2011.markers()).containsExactly("n. d.");
        assertThat(objects(g, m, "2011")).hasSize((int) y2011.values()).allMatch(Node::isLiteral)
                .noneMatch(n -> n.getLiteralLexicalForm().contains("n."));
    }

    @Test
    void given_state_crime_workbook_when_converted_then_ano_is_integer_with_its_accented_label() {
        AutoMapping m = AutoMapping.infer(TestData.file("IncidenciaDelictivaEstatal.xlsx"), TableOptions.AUTO, BASE, "incidencia", null);
        Graph g = convert(m);

        assertThat(rowResources(g, m)).isEqualTo(38016);
        assertThat(types(m)).containsEntry("AÑO", ColumnType.INTEGER).containsEntry("ENTIDAD", ColumnType.STRING)
                .containsEntry("ENERO", ColumnType.INTEGER).containsEntry("TOTAL AÑO", ColumnType.INTEGER);
        Node ano = NodeFactory.createURI(BASE + "def/incidencia#ano");
        assertThat(g.contains(ano, RDFS.label.asNode(), NodeFactory.createLiteralLang("AÑO", "es"))).isTrue();
        assertThat(g.contains(Node.ANY, ano, NodeFactory.createLiteralDT("1997", XSDDatatype.XSDinteger))).isTrue();
    }

    @Test
    void given_accidents_table_when_converted_then_counts_saved_as_floats_are_integers_and_amounts_decimals() {
        AutoMapping m = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO, BASE, null, null);
        Graph g = convert(m);

        assertThat(rowResources(g, m)).isEqualTo(384);
        assertThat(types(m)).containsEntry("entidad_federativa", ColumnType.STRING).containsEntry("mes", ColumnType.STRING)
                .containsEntry("accidentes", ColumnType.INTEGER).containsEntry("muertos", ColumnType.INTEGER)
                .containsEntry("danios_materiales_millones", ColumnType.DECIMAL);
        assertThat(objects(g, m, "accidentes")).contains(NodeFactory.createLiteralDT("17", XSDDatatype.XSDinteger));
    }

    @Test
    void given_latin1_poverty_dictionary_when_converted_then_spanish_text_is_intact() {
        // A title line, then one variable per line and no header: the first variable is data, not column names; the
        // "Fuente:" and "Nota:" lines under the list are footnotes.
        AutoMapping m = AutoMapping.infer(TestData.file("Indicadores_municipales_sabana_DIC.csv"), TableOptions.AUTO, BASE, null, null);
        Graph g = convert(m);

        assertThat(rowResources(g, m)).isEqualTo(m.rows()).isEqualTo(138);
        assertThat(m.columns()).extracting(ColumnProfile::title).containsExactly("column_1", "column_2", "column_3");
        assertThat(m.layoutNotes()).containsExactly(
                "no header row: the first data row is line 2 (lines above it are titles), columns are named column_1 to column_3",
                "7 footnote rows after the table left out (lines 140 to 146, text in the first column only)");
        assertThat(objects(g, m, "column_1")).contains(NodeFactory.createLiteralString("ent"));
        assertThat(objects(g, m, "column_2")).contains(NodeFactory.createLiteralString("Clave de la entidad federativa"),
                NodeFactory.createLiteralString("Población total"));
    }

    @Test
    void given_census_dictionary_with_title_rows_when_converted_then_numbers_and_text_typed() {
        AutoMapping m = AutoMapping.infer(TestData.file("diccionario_datos_iter_19CSV20.csv"), TableOptions.AUTO, BASE,
                "diccionario-iter", null);
        Graph g = convert(m);

        assertThat(rowResources(g, m)).isEqualTo(m.rows()).isEqualTo(63);
        assertThat(types(m)).containsEntry("Núm.", ColumnType.INTEGER).containsEntry("Indicador", ColumnType.STRING)
                .containsEntry("Longitud", ColumnType.INTEGER).containsEntry("Rangos", ColumnType.STRING);
        assertThat(g.contains(NodeFactory.createURI(BASE + "def/diccionario-iter#num"), RDFS.label.asNode(),
                NodeFactory.createLiteralLang("Núm.", "es"))).isTrue();
    }

    // ---- CSVW, explain

    @Test
    void given_inferred_mapping_when_csvw_written_then_columns_datatypes_properties_nulls_and_primary_key() throws IOException {
        AutoMapping m = AutoMapping.infer(csv("clave,monto,nota\nA1,\"1,234.5\",n. d.\nA2,12,x\n"),
                TableOptions.AUTO.withDelimiter(','), BASE, "t", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeCsvw(out, "tabla.csv");

        JsonNode json = new ObjectMapper().readTree(out.toByteArray());
        assertThat(json.path("@context").get(0).asText()).isEqualTo("http://www.w3.org/ns/csvw");
        assertThat(json.path("url").asText()).isEqualTo("tabla.csv");
        assertThat(json.path("dialect").path("delimiter").asText()).isEqualTo(",");
        JsonNode schema = json.path("tableSchema");
        assertThat(schema.path("primaryKey").asText()).isEqualTo("clave");
        assertThat(schema.path("aboutUrl").asText()).isEqualTo(BASE + "id/t/{clave}");
        JsonNode monto = schema.path("columns").get(1);
        assertThat(monto.path("titles").asText()).isEqualTo("monto");
        assertThat(monto.path("datatype").path("base").asText()).isEqualTo("decimal");
        assertThat(monto.path("propertyUrl").asText()).isEqualTo(BASE + "def/t#monto");
        assertThat(schema.path("columns").get(2).path("null").toString()).contains("n. d.");
        assertThat(schema.path("columns").get(3).path("valueUrl").asText()).isEqualTo(BASE + "def/t#Registro");
    }

    @Test
    void given_inferred_mapping_when_explained_then_one_line_per_column_with_counts_and_examples() {
        AutoMapping m = AutoMapping.infer(TestData.file("sct_71_accidentes_mes.csv"), TableOptions.AUTO, null, null, null);
        StringWriter text = new StringWriter();
        m.explain(new PrintWriter(text));

        assertThat(text.toString()).contains("sct_71_accidentes_mes.csv: 384 rows, 6 columns", "id/sct-71-accidentes-mes/row/{n}")
                .containsPattern("accidentes +accidentes +integer +384 +0 +17\\.0 \\| 15\\.0");
    }

    private static Node decimal(String v) {
        return NodeFactory.createLiteralDT(v, XSDDatatype.XSDdecimal);
    }

    private static Node bool(String v) {
        return NodeFactory.createLiteralDT(v, XSDDatatype.XSDboolean);
    }

    private static Node date(String v) {
        return NodeFactory.createLiteralDT(v, XSDDatatype.XSDdate);
    }
}
