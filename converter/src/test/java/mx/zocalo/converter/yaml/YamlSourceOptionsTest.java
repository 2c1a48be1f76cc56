package mx.zocalo.converter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.TestData;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A YAML source's headerRow, sheet, encoding and delimiter: how to read its table. */
class YamlSourceOptionsTest {
    static final String BASE = "https://datos.example.mx/";

    private static DatasetGraph convert(Path mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(mapping).base(BASE).build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    @Test
    void given_header_row_and_sheet_on_the_source_when_converting_the_crime_workbook_then_rows_start_under_its_title() {
        Graph g = convert(TestData.file("siha-header-row.yml")).getDefaultGraph();
        Node aguascalientes = NodeFactory.createURI(BASE + "id/municipio/01001");

        assertThat(g.contains(aguascalientes, RDFS.label.asNode(), NodeFactory.createLiteralLang("Aguascalientes", "es"))).isTrue();
        assertThat(g.contains(aguascalientes, NodeFactory.createURI("http://example.com/def/zocalo#delitos2012"),
                NodeFactory.createLiteralDT("19459", XSDDatatype.XSDinteger))).isTrue();
        assertThat(g.find(Node.ANY, RDFS.label.asNode(), NodeFactory.createLiteralLang("Municipio", "es")).toList())
                .as("the header is not a row").isEmpty();
    }

    @Test
    void given_encoding_header_row_and_delimiter_on_the_source_then_the_same_dataset_as_a_csvw_dialect_in_turtle() {
        DatasetGraph fromYaml = convert(TestData.file("latin1-options.yml"));
        DatasetGraph fromTurtle = convert(TestData.file("latin1-csvw.rml.ttl"));

        assertThat(fromYaml.getDefaultGraph().contains(NodeFactory.createURI(BASE + "id/indicador/nom_ent"), RDFS.label.asNode(),
                NodeFactory.createLiteralString("Entidad federativa"))).isTrue();
        assertThat(IsoMatcher.isomorphic(fromYaml, fromTurtle)).isTrue();
    }

    @Test
    void given_source_options_when_compiling_to_turtle_then_a_csvw_dialect_and_the_sheet_as_iterator() throws IOException {
        Path yaml = TestData.file("siha-header-row.yml");
        Path turtle = yaml.resolveSibling("siha-header-row.compiled.rml.ttl");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        YarrrmlMapping.compile(yaml, null).writeTurtle(text);
        try (OutputStream out = Files.newOutputStream(turtle)) {
            out.write(text.toByteArray());
        }
        try {
            assertThat(text.toString(StandardCharsets.UTF_8)).contains("csvw:skipRows", "csvw:url", "\"siha_2_2_4_9_dic_2015.xlsx\"",
                    "rml:iterator", "\"Fuero común\"");
            assertThat(IsoMatcher.isomorphic(convert(yaml), convert(turtle))).isTrue();
        } finally {
            Files.deleteIfExists(turtle);
        }
    }

    @Test
    void given_options_that_do_not_fit_the_source_when_compiling_then_the_error_names_the_line_and_key(@TempDir Path dir)
            throws IOException {
        String[][] cases = {
            {"access: datos.csv\n    sheet: Hoja1", "line 4, key \"sheet\": sheet is for a workbook (.xlsx, .xls); datos.csv is one table"},
            {"access: libro.xlsx\n    encoding: windows-1252", "key \"encoding\": encoding and delimiter are for CSV files; libro.xlsx is an Excel workbook"},
            {"access: datos.csv\n    headerRow: 0", "line 4, key \"headerRow\": headerRow is the row of the header, counted from 1"},
            {"access: datos.csv\n    encoding: klingon", "line 4, key \"encoding\": unknown character set \"klingon\""},
            {"access: datos.csv\n    delimiter: \";;\"", "line 4, key \"delimiter\": the delimiter is one character"},
            {"access: datos.json\n    iterator: $.x\n    headerRow: 2", "headerRow, sheet, encoding and delimiter are for tables (csv)"},
            {"access: libro.xlsx\n    iterator: Hoja1", "an iterator is for JSON sources (jsonpath); a table's records are its rows "
                    + "(a workbook's sheet is given with sheet:)"},
        };
        for (String[] c : cases) {
            Path yaml = dir.resolve("m.yml");
            Files.writeString(yaml, "sources:\n  t:\n    " + c[0] + "\nmappings:\n  M:\n    sources: t\n    s: id/$(x)\n");

            YamlMappingException e = catchThrowableOfType(YamlMappingException.class, () -> YarrrmlMapping.compile(yaml, BASE));

            assertThat(e).as(c[0]).isNotNull();
            assertThat(e.getMessage()).as(c[0]).startsWith("m.yml, ").contains(c[1]);
        }
    }
}
