package mx.zocalo.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.converter.TestData;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code convert --auto}, {@code --explain}, {@code --csvw} and {@code mapping suggest}. */
class AutoCommandsTest {
    static final String BASE = "https://datos.example.mx/";
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringWriter stderr = new StringWriter();

    @TempDir
    Path dir;

    private int convert(String... args) {
        CommandLine cli = new CommandLine(new ConvertCommand(stdout));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    private int mapping(String... args) {
        CommandLine cli = new CommandLine(new MappingCommand());
        ((MappingCommand.Suggest) cli.getSubcommands().get("suggest").getCommand()).standardOutput = stdout;
        cli.setErr(new PrintWriter(stderr, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private static Graph read(Path nquads) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(nquads).lang(Lang.NQUADS).parse(g);
        return g;
    }

    @Test
    void given_auto_with_output_when_run_then_rdf_and_csvw_metadata_beside_it() throws IOException {
        Path out = dir.resolve("ramos.nq");
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "--base", BASE, "--slug", "ramos", "-o", out.toString()))
                .as(stderr.toString()).isZero();

        assertThat(read(out).size()).isGreaterThan(2064 * 5);
        Path metadata = dir.resolve("ramos.nq.csv-metadata.json");
        JsonNode json = new ObjectMapper().readTree(metadata.toFile());
        assertThat(json.path("url").asText()).endsWith("data/data_total.csv");
        assertThat(json.path("tableSchema").path("aboutUrl").asText()).isEqualTo(BASE + "id/ramos/row/{_row}");
        assertThat(json.path("tableSchema").path("columns").get(0).path("datatype").asText()).isEqualTo("integer");
        assertThat(json.path("tableSchema").path("columns").get(0).path("titles").asText()).isEqualTo("CICLO");
        assertThat(stderr.toString()).contains("CSVW metadata -> ");
    }

    @Test
    void given_csvw_option_when_run_to_standard_output_then_the_metadata_goes_to_that_file() {
        Path metadata = dir.resolve("meta/csv-metadata.json");
        assertThat(convert("--auto", TestData.file("sct_71_accidentes_mes.csv").toString(), "-b", BASE, "--csvw", metadata.toString()))
                .isZero();

        assertThat(metadata).exists();
        assertThat(stdout.size()).isPositive();
    }

    @Test
    void given_explain_when_run_then_the_schema_on_stdout_and_no_rdf() {
        assertThat(convert("--auto", TestData.file("siha_2_2_4_9_dic_2015.xlsx").toString(), "--header-row", "3", "--explain")).isZero();

        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Clave", "string", "01001", "\"n. d.\"");
        assertThat(text.lines()).as("no RDF: no quads or triples").noneMatch(l -> l.matches("^<[^>]+> <[^>]+> .* \\.$"));
        assertThat(text).containsPattern("2011 +c2011 +integer");
    }

    @Test
    void given_explain_then_iris_are_printed_in_full_never_relative() {
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "--explain")).isZero();
        String text = stdout.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher iris = java.util.regex.Pattern.compile("<([^>]*)>").matcher(text);
        int seen = 0;
        while (iris.find()) {
            seen++;
            assertThat(iris.group(1)).as("an IRI of the explanation").startsWith(ConvertCommand.EXPLAIN_BASE);
        }
        assertThat(seen).isGreaterThanOrEqualTo(4);
        assertThat(text).contains("<" + ConvertCommand.EXPLAIN_BASE + "def/data-total#Registro>")
                .doesNotContain("<def/", "<id/");
        assertThat(stderr.toString()).contains("no --base given", ConvertCommand.EXPLAIN_BASE);

        stdout.reset();
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "--explain", "--base", BASE)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("base:       <" + BASE + ">",
                "<" + BASE + "id/data-total/row/{n}>", "<" + BASE + "def/data-total#{property}>").doesNotContain(ConvertCommand.EXPLAIN_BASE);
    }

    @Test
    void given_auto_without_base_or_with_table_options_on_a_mapping_when_run_then_usage_error() {
        assertThat(convert("--auto", TestData.file("data_total.csv").toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("needs the base IRI");
        assertThat(convert("-m", TestData.file("spending.rml.ttl").toString(), "--slug", "gasto")).isEqualTo(2);
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "-b", BASE, "--encoding", "nada")).isEqualTo(2);
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "-b", "relativa/")).isEqualTo(2);
    }

    @Test
    void given_suggested_yaml_when_converted_with_it_then_the_same_graph_as_auto() throws IOException {
        Path yaml = dir.resolve("gasto.yml");
        assertThat(mapping("suggest", TestData.file("data_total.csv").toString(), "-o", yaml.toString())).as(stderr.toString()).isZero();
        Path viaYaml = dir.resolve("yaml.nq");
        Path viaAuto = dir.resolve("auto.nq");
        assertThat(convert("--mapping", yaml.toString(), "-b", BASE, "-o", viaYaml.toString())).as(stderr.toString()).isZero();
        assertThat(convert("--auto", TestData.file("data_total.csv").toString(), "-b", BASE, "-o", viaAuto.toString())).isZero();

        Graph a = read(viaAuto);
        Graph y = read(viaYaml);
        assertThat(a.size()).isEqualTo(y.size());
        assertThat(y.isIsomorphicWith(a)).isTrue();
        // the constant descriptions are made once, not once per row
        assertThat(Files.readAllLines(viaYaml)).hasSize((int) a.size());
    }

    @Test
    void given_a_table_with_a_title_above_its_header_when_suggested_then_the_yaml_source_says_the_header_row_and_converts()
            throws IOException {
        Path yaml = dir.resolve("delitos.yml");
        assertThat(mapping("suggest", TestData.file("siha_2_2_4_9_dic_2015.xlsx").toString(), "--base", BASE, "-o", yaml.toString()))
                .as(stderr.toString()).isZero();
        Path out = dir.resolve("delitos.nq");

        assertThat(Files.readString(yaml)).contains("    headerRow: 4\n").doesNotContain("Not expressed");
        assertThat(convert("--mapping", yaml.toString(), "-b", BASE, "-o", out.toString())).as(stderr.toString()).isZero();
        assertThat(Files.readString(out)).contains("<" + BASE + "id/siha-2-2-4-9-dic-2015/01001> <" + BASE
                + "def/siha-2-2-4-9-dic-2015#municipio> \"Aguascalientes\" .");
    }

    @Test
    void given_values_the_yaml_form_cannot_canonicalise_when_suggested_then_comments_say_so() {
        assertThat(mapping("suggest", TestData.file("sct_71_accidentes_mes.csv").toString(), "--base", BASE)).isZero();
        String yaml = stdout.toString(StandardCharsets.UTF_8);
        assertThat(yaml).contains("base: \"" + BASE + "\"", "\"$(accidentes)\"", "\"17.0\"", "cannot")
                .contains("[\"def/sct-71-accidentes-mes#danios_materiales_millones\", \"$(danios_materiales_millones)\", xsd:decimal]");

        stdout.reset();
        assertThat(mapping("suggest", TestData.file("siha_2_2_4_9_dic_2015.xlsx").toString(), "--header-row", "3")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("\"n. d.\"", "    headerRow: 4\n", "give no triple with --auto");
    }
}
