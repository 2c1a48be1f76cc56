package mx.zocalo.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mx.zocalo.converter.TestData;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MappingCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringWriter stderr = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MappingCommand());
        ((MappingCommand.Compile) cli.getSubcommands().get("compile").getCommand()).standardOutput = stdout;
        cli.setErr(new PrintWriter(stderr, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private static Graph turtle(byte[] bytes, String base) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(bytes)).lang(Lang.TURTLE).base(base).parse(g);
        return g;
    }

    @Test
    void given_yaml_mapping_when_compiling_then_stdout_is_turtle_with_the_rml_triples_maps() {
        Path yaml = TestData.file("spending.yml");

        assertThat(run("compile", yaml.toString())).isZero();

        Graph g = turtle(stdout.toByteArray(), yaml.toUri().toString());
        assertThat(g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI("http://w3id.org/rml/TriplesMap")).toList()).hasSize(2);
        assertThat(new String(stdout.toByteArray(), StandardCharsets.UTF_8))
                .contains("PREFIX zoc:", "rdf:type", "\"id/ramo/{RAMO}/{CICLO}/{PRESUPUESTO}/{TOTAL}\"", "\"data_total.csv\"");
        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void given_output_option_when_compiling_then_the_file_holds_turtle(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("spending.rml.ttl");

        assertThat(run("compile", TestData.file("spending-simple.yml").toString(), "--output", out.toString())).isZero();

        assertThat(turtle(Files.readAllBytes(out), out.toUri().toString()).size()).isGreaterThan(5);
        assertThat(stdout.size()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void given_wrong_key_when_compiling_then_exit_1_and_stderr_names_file_line_and_key() {
        assertThat(run("compile", TestData.file("spending-wrong-key.yml").toString())).isEqualTo(1);

        assertThat(stderr.toString()).startsWith("error: spending-wrong-key.yml, line 7, key \"pos\": ");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void given_no_subcommand_when_run_then_usage_error_exit_2() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr.toString()).contains("compile");
    }

    @Test
    void given_yaml_mapping_when_convert_runs_with_it_then_rdf_goes_to_stdout() {
        ByteArrayOutputStream rdf = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ConvertCommand(rdf));
        cli.setErr(new PrintWriter(stderr, true));

        assertThat(cli.execute("--mapping", TestData.file("spending-simple.yml").toString(), "--base", "https://datos.example.mx/",
                "--format", "ntriples")).isZero();

        assertThat(new String(rdf.toByteArray(), StandardCharsets.UTF_8).lines().count()).isEqualTo(2064 * 2);
    }

    @Test
    void given_yaml_without_base_when_compiling_then_triples_maps_are_named_from_the_yaml_without_machine_paths(@TempDir Path dir)
            throws Exception {
        Path yaml = Files.copy(TestData.file("spending.yml"), dir.resolve("spending.yml"));
        Files.copy(TestData.file("data_total.csv"), dir.resolve("data_total.csv"));
        Path ttl = dir.resolve("spending.rml.ttl");

        assertThat(run("compile", yaml.toString(), "-o", ttl.toString())).isZero();

        String turtle = Files.readString(ttl, StandardCharsets.UTF_8);
        assertThat(turtle).contains("<#Spending>", "<#Ente>")
                .doesNotContain("file:", dir.toAbsolutePath().toString());
        // the Turtle beside the YAML converts to the same graph as the YAML itself
        assertThat(convert(ttl).isIsomorphicWith(convert(yaml))).isTrue();
    }

    private Graph convert(Path mapping) {
        ByteArrayOutputStream rdf = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new ConvertCommand(rdf));
        cli.setErr(new PrintWriter(stderr, true));
        assertThat(cli.execute("--mapping", mapping.toString(), "--base", "https://datos.example.mx/", "--format", "ntriples", "-q"))
                .as(stderr.toString()).isZero();
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(rdf.toByteArray())).lang(Lang.NTRIPLES).parse(g);
        return g;
    }
}
