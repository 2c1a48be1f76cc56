package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.source.TableOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;

/** The publisher's corrections of inferred columns: datatype and labels, on the real CONAPO population table. */
class AutoOverridesTest {
    static final Path POPULATION = Path.of("/work/shared/data/population-states/conapo_pob_ent_gender_1950_2070.csv");

    static List<String> rawColumn(String header) throws Exception {
        List<String> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(POPULATION, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
                out.add(rec.get(header));
            }
        }
        return out;
    }

    @Test
    void aChosenTypeReplacesTheInferredOneAndLabelsAreWritten() throws Exception {
        AutoMapping plain = AutoMapping.infer(POPULATION, TableOptions.AUTO, AutoMappingTest.BASE, "poblacion", null);
        assertThat(AutoMappingTest.types(plain).get("pob_start_year")).isEqualTo(ColumnType.INTEGER);
        assertThat(AutoMappingTest.types(plain).get("cve_ent")).isEqualTo(ColumnType.STRING);

        AutoMapping m = AutoMapping.infer(POPULATION, TableOptions.AUTO, AutoMappingTest.BASE, "poblacion", null, Map.of(
                "pob_start_year", new ColumnOverride(ColumnType.STRING, "Población al inicio del año", "Population at the start of the year"),
                "cve_ent", new ColumnOverride(ColumnType.INTEGER, null, null)));
        assertThat(AutoMappingTest.types(m).get("pob_start_year")).isEqualTo(ColumnType.STRING);
        Graph g = AutoMappingTest.convert(m);

        // the forced string keeps each value as written in the file, in file order by row IRI
        List<String> raw = rawColumn("pob_start_year");
        List<Node> values = AutoMappingTest.objects(g, m, "pob_start_year");
        assertThat(values).hasSize(raw.size());
        assertThat(values).allMatch(n -> n.getLiteralDatatypeURI().equals(ColumnType.STRING.iri()));
        assertThat(values.stream().map(Node::getLiteralLexicalForm).sorted().toList()).isEqualTo(raw.stream().sorted().toList());
        // the forced integer reads "00" as 0
        assertThat(AutoMappingTest.objects(g, m, "cve_ent")).allMatch(n -> n.getLiteralDatatypeURI().equals(ColumnType.INTEGER.iri()));
        assertThat(AutoMappingTest.objects(g, m, "cve_ent").stream().map(Node::getLiteralLexicalForm).distinct().sorted().toList())
                .isEqualTo(rawColumn("cve_ent").stream().map(v -> String.valueOf(Integer.parseInt(v))).distinct().sorted().toList());

        ColumnProfile c = m.columns().stream().filter(p -> p.title().equals("pob_start_year")).findFirst().orElseThrow();
        Node p = NodeFactory.createURI(m.propertyIri(c));
        assertThat(g.find(p, RDFS.label.asNode(), Node.ANY).mapWith(t -> t.getObject().getLiteralLexicalForm() + "@"
                + t.getObject().getLiteralLanguage()).toList())
                .containsExactlyInAnyOrder("Población al inicio del año@es", "Population at the start of the year@en");
        assertThat(g.find(p, RDFS.range.asNode(), Node.ANY).next().getObject().getURI()).isEqualTo(ColumnType.STRING.iri());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeCsvw(out, "poblacion.csv");
        JsonNode col = null;
        for (JsonNode n : new ObjectMapper().readTree(out.toByteArray()).path("tableSchema").path("columns")) {
            if ("pob_start_year".equals(n.path("name").asText())) col = n;
        }
        assertThat(col).isNotNull();
        assertThat(col.path("datatype").toString()).contains("string");
        assertThat(col.path("titles").path("es").get(0).asText()).isEqualTo("Población al inicio del año");
        assertThat(col.path("titles").path("es").get(1).asText()).isEqualTo("pob_start_year");
        assertThat(col.path("titles").path("en").asText()).isEqualTo("Population at the start of the year");
    }

    @Test
    void aValueThatDoesNotFitTheChosenTypeIsReportedWithItsRowAndColumn() throws Exception {
        List<String> raw = rawColumn("nombre_estado");
        int firstRow = 1 + raw.indexOf(raw.stream().filter(v -> !v.matches("-?[0-9]+")).findFirst().orElseThrow());
        assertThatThrownBy(() -> AutoMapping.infer(POPULATION, TableOptions.AUTO, AutoMappingTest.BASE, "poblacion", null,
                Map.of("nombre_estado", new ColumnOverride(ColumnType.INTEGER, null, null))))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("column \"nombre_estado\" cannot be integer: row " + firstRow + " has \"" + raw.get(firstRow - 1) + "\"")
                .satisfies(e -> {
                    assertThat(((ConversionException) e).row()).isEqualTo(firstRow);
                    assertThat(((ConversionException) e).column()).isEqualTo("nombre_estado");
                });
    }

    @Test
    void aCorrectedColumnNotInTheTableIsNamed() {
        assertThatThrownBy(() -> AutoMapping.infer(POPULATION, TableOptions.AUTO, AutoMappingTest.BASE, "poblacion", null,
                Map.of("poblacion_total", new ColumnOverride(ColumnType.STRING, null, null))))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("no column \"poblacion_total\"");
    }
}
