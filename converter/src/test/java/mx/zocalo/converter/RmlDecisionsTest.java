package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;

/**
 * Golden-file cases for the points where the RML specifications leave a choice or the suites have no case (listed with
 * their reasons in CONFORMANCE.md and {@code rml-decisions/README.md}): one folder per case, run as the conformance suites
 * are (output compared as graphs; a case without {@code output.nq} must be rejected), and the errors checked for what they
 * say.
 */
class RmlDecisionsTest {

    static Path suite() throws URISyntaxException {
        return Path.of(RmlDecisionsTest.class.getResource("/rml-decisions/README.md").toURI()).getParent();
    }

    @Test
    void every_decision_case_passes() throws IOException, URISyntaxException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(suite())) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        Map<String, String> failures = new TreeMap<>();
        for (Path dir : cases) {
            String reason = RmlCoreCsvConformanceTest.run(dir);
            if (reason != null) {
                failures.put(dir.getFileName().toString(), reason);
            }
        }
        System.out.println("RML decisions: " + (cases.size() - failures.size()) + " passed, " + failures.size() + " failed");
        failures.forEach((id, reason) -> System.out.println("  FAIL " + id + ": " + reason));
        assertThat(failures).isEmpty();
    }

    @Test
    void given_an_unregistered_language_constant_when_converting_then_the_mapping_is_rejected_naming_the_rule() throws Exception {
        assertThat(message("language-unregistered-constant")).isEqualTo("mapping.ttl: invalid mapping: object map for "
                + "rdfs:label of <#Entidad>: rml:language \"english\" is not a valid BCP 47 language tag: \"english\" is not "
                + "a registered primary language subtag; for English write \"en\" (IANA Language Subtag Registry)");
    }

    @Test
    void given_an_unregistered_language_in_the_data_when_converting_then_the_row_fails_naming_file_row_and_column()
            throws Exception {
        assertThat(message("language-unregistered-in-data")).isEqualTo("nombres.csv, row 4 (line 5), column \"idioma\": "
                + "value \"xx\" is not a valid language tag: \"xx\" is not a registered primary language subtag (IANA "
                + "Language Subtag Registry) (reference \"idioma\") (object map for rdfs:label of <#Entidad>)");
    }

    @Test
    void given_join_templates_when_converting_without_a_base_iri_then_they_need_none() throws Exception {
        assertThat(RmlCoreCsvConformanceTest.run(suite().resolve("join-child-parent-maps"), null)).isNull();
    }

    @Test
    void given_a_term_type_on_a_child_map_when_converting_then_the_mapping_is_rejected_saying_why() throws Exception {
        assertThat(message("join-childmap-term-type")).isEqualTo("mapping.ttl: invalid mapping: join condition (rml:child) "
                + "of the object map for ex:municipio of <#Localidad>: rml:termType means nothing here: a join condition "
                + "compares the values of its child and parent maps as text, it makes no RDF term");
    }

    @Test
    void given_an_expression_field_reading_text_when_converting_then_the_mapping_is_rejected_saying_what_reads_it()
            throws Exception {
        assertThat(message("view-text-read-by-expression-field")).contains("invalid mapping: field \"localidades.clave\" of "
                + "logical view <#LocalidadesView>: the field above it gives text, which an expression field cannot read; make "
                + "this an rml:IterableField with rml:referenceFormulation rml:JSONPath (and an rml:iterator) or rml:CSV");
    }

    @Test
    void given_invalid_json_in_a_cell_when_converting_then_the_error_names_file_row_and_field() throws Exception {
        assertThat(message("view-json-in-csv-cell-malformed")).startsWith("municipios.csv, row 2 (line 3): field "
                + "\"localidades.item\" of logical view <#LocalidadesView>: the value \"[{\"clave\":\"0001\",\"nombre\":San "
                + "Pedro Garza García\"}]\" is not valid JSON: ");
    }

    @Test
    void given_a_csv_row_shorter_than_the_header_when_converting_then_the_error_names_the_row_and_how_to_fix_it()
            throws Exception {
        assertThat(message("short-row")).isEqualTo("municipios.csv, row 3 (line 4): 1 cell, but the header has 3 columns (a "
                + "delimiter missing, a line break in a value without quotes, or a note below the table?); give the row every "
                + "column, with empty cells where there is no value");
    }

    @Test
    void given_census_blocks_with_na_cells_when_rml_null_lists_na_then_they_give_no_triple_and_without_it_the_text_na()
            throws Exception {
        long rows = 0;
        long na = 0;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(TestData.file("RESAGEBURB_17CSV20.csv.gz")));
                var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().get()
                        .parse(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (var row : parser) {
                rows++;
                na += row.get("pobfem").equals("NA") ? 1 : 0;
            }
        }
        long[] withNulls = new long[1];
        long[] naText = new long[1];
        long[] texts = new long[1];
        Conversion.builder().mapping(TestData.file("morelos-nulos.rml.ttl")).build().run(new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void triple(org.apache.jena.graph.Triple t) {
                if (t.getPredicate().getURI().endsWith("/pobfem")) {
                    withNulls[0]++;
                } else {
                    texts[0]++;
                    naText[0] += t.getObject().getLiteralLexicalForm().equals("NA") ? 1 : 0;
                }
            }

            @Override
            public void quad(org.apache.jena.sparql.core.Quad q) {
                triple(q.asTriple());
            }
        });
        assertThat(na).isGreaterThan(1000);
        assertThat(withNulls[0]).isEqualTo(rows - na);
        assertThat(texts[0]).isEqualTo(rows);
        assertThat(naText[0]).isEqualTo(na);
    }

    @Test
    void given_a_workbook_writing_n_d_for_missing_counts_when_rml_null_lists_it_then_no_row_fails_and_those_cells_give_no_triple() {
        java.util.Set<String> missing = new java.util.HashSet<>(); // the municipalities whose 2011 count is "n. d."
        java.util.Set<List<String>> counts = new java.util.HashSet<>(); // the others' (municipality, count)
        try (var table = mx.zocalo.converter.source.TableSources.open(TestData.file("siha_2_2_4_9_dic_2015.xlsx"),
                mx.zocalo.converter.source.TableOptions.DEFAULT.withHeaderRow(3))) {
            int clave = table.header().indexOf("Clave");
            int count = table.header().indexOf("2011");
            for (var row = table.next(); row != null; row = table.next()) {
                if (row.value(clave) != null && "n. d.".equals(row.value(count))) {
                    missing.add(row.value(clave));
                } else if (row.value(clave) != null && row.value(count) != null) {
                    counts.add(List.of(row.value(clave), row.value(count)));
                }
            }
        }
        List<ConversionException> failed = new java.util.ArrayList<>();
        org.apache.jena.sparql.core.DatasetGraph dsg = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file("municipios-csvw-nulos.rml.ttl")).base("https://datos.example.mx/")
                .rowErrors(failed::add).build().run(StreamRDFLib.dataset(dsg));
        var count2011 = org.apache.jena.graph.NodeFactory.createURI("http://example.com/def/zocalo#delitos2011");
        assertThat(missing).isNotEmpty();
        assertThat(failed).isEmpty();
        assertThat(dsg.getDefaultGraph().find(null, count2011, null).toList()).hasSize(counts.size());
        for (String clave : missing) {
            var municipality = org.apache.jena.graph.NodeFactory.createURI("https://datos.example.mx/id/municipio/" + clave);
            assertThat(dsg.getDefaultGraph().contains(municipality, count2011, null)).as(clave).isFalse();
        }
    }

    /** The message of the error a case must end with. */
    static String message(String caseName) throws URISyntaxException {
        Path dir = suite().resolve(caseName);
        ConversionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConversionException.class,
                () -> Conversion.builder().mapping(dir.resolve("mapping.ttl")).base(RmlCoreCsvConformanceTest.BASE).build()
                        .run(StreamRDFLib.sinkNull()));
        assertThat(e).as("an error from %s", caseName).isNotNull();
        return e.getMessage();
    }
}
