package mx.zocalo.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.converter.TestData;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvertCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final StringWriter stderr = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ConvertCommand(stdout));
        cli.setErr(new PrintWriter(stderr, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private static String mapping(String name) {
        return TestData.file(name).toString();
    }

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void given_valid_mapping_without_output_when_run_then_only_rdf_goes_to_stdout_and_summary_to_stderr() {
        int exit = run("--mapping", mapping("spending.rml.ttl"), "--base", "https://datos.example.mx/");

        assertThat(exit).isZero();
        DatasetGraph dsg = DatasetGraphFactory.create();
        RDFParser.source(new ByteArrayInputStream(stdout.toByteArray())).lang(Lang.NQUADS).parse(dsg);
        assertThat(dsg.getDefaultGraph().size()).isEqualTo(2064 * 2);
        assertThat(stderr.toString()).startsWith("converted 2,064 rows into 4,128 quads in ");
    }

    @Test
    void given_output_file_when_run_then_file_holds_the_rdf_and_no_temporary_file_remains(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("spending.nq");

        int exit = run("-m", mapping("spending.rml.ttl"), "-b", "https://datos.example.mx/", "-o", out.toString());

        assertThat(exit).isZero();
        assertThat(stdout.size()).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(2064 * 2);
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void given_data_error_when_converting_to_file_then_exit_1_message_on_stderr_and_no_partial_file(@TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("spending.nq");

        int exit = run("-m", mapping("spending-invalid-iri.rml.ttl"), "-b", "https://datos.example.mx/", "-o", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr.toString()).startsWith("error: data_total.csv, row 1 (line 2), column \"RAMO\"");
        assertThat(out).doesNotExist();
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void given_existing_output_when_conversion_fails_then_the_old_file_is_left_untouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("spending.nq");
        Files.writeString(out, "old\n");

        int exit = run("-m", mapping("spending-unknown-column.rml.ttl"), "-b", "https://datos.example.mx/", "-o", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void given_missing_mapping_option_when_run_then_usage_error_exit_2() {
        assertThat(run("--base", "https://datos.example.mx/")).isEqualTo(2);
        assertThat(stderr.toString()).contains("--mapping");
    }

    @Test
    void given_unknown_format_when_run_then_usage_error_exit_2() {
        assertThat(run("-m", mapping("spending.rml.ttl"), "--format", "rdfxml")).isEqualTo(2);
    }

    @Test
    void given_named_graph_and_ntriples_format_when_run_then_quads_are_written_as_triples() {
        int exit = run("-m", mapping("spending-graph.rml.ttl"), "-b", "https://datos.example.mx/", "-f", "ntriples");

        assertThat(exit).isZero();
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(stdout.toByteArray())).lang(Lang.NTRIPLES).parse(graph);
        assertThat(graph.size()).isEqualTo(2064);
    }

    @Test
    void given_turtle_format_when_run_then_output_parses_as_turtle() {
        int exit = run("-m", mapping("spending.rml.ttl"), "-b", "https://datos.example.mx/", "-f", "turtle");

        assertThat(exit).isZero();
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(stdout.toByteArray())).lang(Lang.TURTLE).parse(graph);
        assertThat(graph.size()).isEqualTo(2064 * 2);
    }

    @Test
    void given_help_option_when_run_then_exit_0_and_formats_are_explained() {
        StringWriter help = new StringWriter();
        CommandLine cli = new CommandLine(new ConvertCommand(stdout));
        cli.setOut(new PrintWriter(help, true));

        assertThat(cli.execute("--help")).isZero();
        assertThat(help.toString()).contains("--mapping", "--output", "written as plain triples");
    }

    @Test
    void given_on_error_skip_row_when_rows_fail_then_the_first_reasons_and_the_count_are_reported_and_the_rest_is_written(
            @TempDir Path dir) throws IOException {
        Path out = dir.resolve("ramos.nq");

        int exit = run("-m", mapping("spending-invalid-iri.rml.ttl"), "-b", "https://datos.example.mx/", "-o", out.toString(),
                "--on-error=skip-row");

        assertThat(exit).isZero();
        List<String> reasons = stderr.toString().lines().filter(l -> l.startsWith("skipped: data_total.csv, row ")).toList();
        assertThat(reasons).hasSize(ConvertCommand.REASONS_SHOWN);
        assertThat(reasons.get(0)).startsWith("skipped: data_total.csv, row 1 (line 2), column \"RAMO\": value \"H. Cámara de Diputados\"");
        assertThat(stderr.toString()).contains("only the first 10 reasons are shown", "converted 2,064 rows into 336 quads",
                "(1,728 rows skipped)");
        assertThat(Files.readAllLines(out)).hasSize(336);
    }

    @Test
    void given_several_threads_or_one_when_converting_then_the_output_is_the_same_bytes_in_source_order(@TempDir Path dir)
            throws IOException {
        Path one = dir.resolve("one.nq");
        Path two = dir.resolve("two.nq");

        assertThat(run("-m", mapping("spending.rml.ttl"), "-b", "https://datos.example.mx/", "-o", one.toString(), "--threads", "1"))
                .isZero();
        assertThat(run("-m", mapping("spending.rml.ttl"), "-b", "https://datos.example.mx/", "-o", two.toString(), "--threads", "3"))
                .isZero();

        assertThat(Files.readAllLines(one)).hasSize(2064 * 2);
        assertThat(Files.mismatch(one, two)).isEqualTo(-1L);
    }

    @Test
    void given_old_skip_bad_rows_flag_when_rows_fail_then_it_means_skip_row(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("ramos.nq");

        assertThat(run("-m", mapping("spending-invalid-iri.rml.ttl"), "-b", "https://datos.example.mx/", "-o", out.toString(),
                "--skip-bad-rows")).isZero();
        assertThat(stderr.toString()).contains("(1,728 rows skipped)");
    }

    @Test
    void given_unknown_on_error_value_when_run_then_usage_error_names_the_choices() {
        assertThat(run("-m", mapping("spending.rml.ttl"), "--on-error=ignore")).isEqualTo(2);
        assertThat(stderr.toString()).contains("expected fail or skip-row, not 'ignore'");
    }

    @Test
    void given_auto_with_a_table_when_run_then_rdf_without_a_mapping() {
        int exit = run("--auto", TestData.file("sct_71_accidentes_mes.csv").toString(), "-b", "https://datos.example.mx/");

        assertThat(exit).isZero();
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(stdout.toByteArray())).lang(Lang.NQUADS).parse(graph);
        int schema = 2 + 6 * 3; // the class (type, label), each column's property (type, label, range)
        assertThat(graph.size()).isEqualTo(384 * 8 + schema); // per row: type, label, 6 cells
    }

    @Test
    void given_both_mapping_and_auto_when_run_then_usage_error_exit_2() {
        assertThat(run("-m", mapping("spending.rml.ttl"), "--auto", TestData.file("data_total.csv").toString())).isEqualTo(2);
    }

    @Test
    void given_relative_base_when_run_then_usage_error_exit_2() {
        assertThat(run("-m", mapping("spending.rml.ttl"), "--base", "datos.example.mx")).isEqualTo(2);
        assertThat(stderr.toString()).contains("the base IRI must be absolute");
    }

    @Test
    void given_base_without_trailing_slash_when_run_then_a_warning_says_so() {
        assertThat(run("-m", mapping("spending.rml.ttl"), "--base", "https://datos.example.mx")).isZero();
        assertThat(stderr.toString()).startsWith("warning: the base IRI <https://datos.example.mx> does not end with / or #");
    }

    @Test
    void given_header_row_with_a_mapping_when_the_mapping_says_nothing_then_its_table_is_read_from_that_row() {
        int exit = run("-m", mapping("diccionario.yml"), "-b", "https://datos.example.mx/", "--header-row", "4", "-q");

        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("<https://datos.example.mx/id/indicador/POBTOT> "
                + "<http://www.w3.org/2000/01/rdf-schema#label> \"Población total\"@es .");
    }

    @Test
    void given_options_only_a_table_without_mapping_has_when_run_with_a_mapping_then_usage_error_naming_them() {
        assertThat(run("-m", mapping("diccionario.yml"), "-b", "https://datos.example.mx/", "--id-column", "Núm.")).isEqualTo(2);
        assertThat(stderr.toString()).isEqualTo("error: --slug, --all-sheets, --id-column, --explain and --csvw are for a table "
                + "without a mapping (--auto)" + System.lineSeparator());
        stderr.getBuffer().setLength(0);
        assertThat(run("-m", mapping("diccionario.yml"), "--encoding", "klingon")).isEqualTo(2);
        assertThat(stderr.toString()).startsWith("error: --encoding: unknown character set \"klingon\"");
    }
}
