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
