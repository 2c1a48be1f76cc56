package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.rml.RmlConversion;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RML-FNML in whole mappings: what the conformance cases do not cover (row errors, outputs, legacy FNML). */
class FnmlMappingTest {
    private static final String PREFIXES = """
            @prefix rml: <http://w3id.org/rml/> .
            @prefix grel: <http://users.ugent.be/~bjdmeest/function/grel.ttl#> .
            @prefix idlab-fn: <https://w3id.org/imec/idlab/function#> .
            @prefix fns: <http://example.com/functions/> .
            @prefix ex: <http://example.com/> .
            @base <http://example.com/base/> .
            """;
    private static final String SOURCE = """
            rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ;
                rml:path "people.csv" ] ; rml:referenceFormulation rml:CSV ] ;
            rml:subjectMap [ rml:template "http://example.com/{Id}" ] ;
            """;
    private static final String CSV = """
            Id,Name,From,Site,Fn
            1,Venus,2,https://venus.example.org/about/team,toUpperCase
            2,Serena,abc,https://serena.example.org/,toLowerCase
            3,Ana,1,https://ana.example.org/x,nonsense
            """;

    @TempDir
    Path dir;

    @Test
    void given_a_function_failing_on_one_row_when_converting_then_that_row_is_reported_with_file_row_column_and_rule() throws IOException {
        Path mapping = write("""
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:short ; rml:objectMap [
                    rml:functionExecution <#Cut> ; rml:return grel:stringOut ] ] .
                <#Cut> rml:function grel:string_substring ;
                  rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "Name" ] ] ,
                            [ rml:parameter grel:p_int_i_from ; rml:inputValueMap [ rml:reference "From" ] ] .
                """.formatted(SOURCE));
        List<ConversionException> errors = new ArrayList<>();
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        ConversionResult result = Conversion.builder().mapping(mapping).rowErrors(errors::add).build()
                .run(StreamRDFLib.dataset(produced));

        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/short> "nus" .
                <http://example.com/3> <http://example.com/short> "na" .
                """)).as("produced %s", produced).isTrue();
        assertThat(result.skippedRows()).isEqualTo(1);
        assertThat(errors).hasSize(1);
        ConversionException e = errors.get(0);
        assertThat(e.file()).isEqualTo("people.csv");
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("From");
        assertThat(e.rule()).isEqualTo("object map for ex:short of <#People>");
        assertThat(e.getMessage()).contains("function execution <#Cut>", "grel:p_int_i_from", "\"abc\"");
    }

    @Test
    void given_a_function_with_several_outputs_when_choosing_one_with_return_then_that_one_is_used_and_the_first_by_default() throws IOException {
        Path mapping = write("""
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:domain ; rml:objectMap [
                      rml:functionExecution <#Parse> ; rml:return fns:domainOutput ] ] ,
                    [ rml:predicate ex:path ; rml:objectMap [
                      rml:functionExecution <#Parse> ; rml:returnMap [ rml:constant fns:hasStringOutput ] ] ] ,
                    [ rml:predicate ex:protocol ; rml:objectMap [ rml:functionExecution <#Parse> ] ] .
                <#Parse> a rml:FunctionExecution ; rml:function fns:parseURL ;
                  rml:input [ a rml:Input ; rml:parameter fns:stringParameter ; rml:inputValueMap [ rml:reference "Site" ] ] .
                """.formatted(SOURCE));
        DatasetGraph produced = run(mapping);

        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/domain> "venus.example.org" .
                <http://example.com/1> <http://example.com/path> "about/team" .
                <http://example.com/1> <http://example.com/protocol> "https" .
                <http://example.com/2> <http://example.com/domain> "serena.example.org" .
                <http://example.com/2> <http://example.com/path> "" .
                <http://example.com/2> <http://example.com/protocol> "https" .
                <http://example.com/3> <http://example.com/domain> "ana.example.org" .
                <http://example.com/3> <http://example.com/path> "x" .
                <http://example.com/3> <http://example.com/protocol> "https" .
                """)).as("produced %s", produced).isTrue();
    }

    @Test
    void given_functions_returning_numbers_and_booleans_when_no_datatype_is_given_then_literals_have_the_output_type() throws IOException {
        Path mapping = write("""
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:length ; rml:objectMap [
                      rml:functionExecution [ rml:function grel:string_length ;
                        rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "Name" ] ] ] ] ] ,
                    [ rml:predicate ex:isVenus ; rml:objectMap [
                      rml:functionExecution [ rml:function idlab-fn:equal ;
                        rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "Name" ] ] ,
                                  [ rml:parameter grel:valueParam2 ; rml:inputValue "Venus" ] ] ] ] ,
                    [ rml:predicate ex:lengthText ; rml:objectMap [ rml:datatype <http://www.w3.org/2001/XMLSchema#string> ;
                      rml:functionExecution [ rml:function grel:string_length ;
                        rml:input [ rml:parameter grel:valueParameter ; rml:inputValueMap [ rml:reference "Id" ] ] ] ] ] .
                """.formatted(SOURCE));
        DatasetGraph produced = run(mapping);

        String xsd = "http://www.w3.org/2001/XMLSchema#";
        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/length> "5"^^<%1$sinteger> .
                <http://example.com/1> <http://example.com/isVenus> "true"^^<%1$sboolean> .
                <http://example.com/1> <http://example.com/lengthText> "1" .
                <http://example.com/2> <http://example.com/length> "6"^^<%1$sinteger> .
                <http://example.com/2> <http://example.com/isVenus> "false"^^<%1$sboolean> .
                <http://example.com/2> <http://example.com/lengthText> "1" .
                <http://example.com/3> <http://example.com/length> "3"^^<%1$sinteger> .
                <http://example.com/3> <http://example.com/isVenus> "false"^^<%1$sboolean> .
                <http://example.com/3> <http://example.com/lengthText> "1" .
                """.formatted(xsd))).as("produced %s", produced).isTrue();
    }

    @Test
    void given_a_function_map_from_the_data_when_converting_then_each_row_calls_its_function_and_unknown_ones_are_row_errors() throws IOException {
        Path mapping = write("""
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [
                      rml:functionExecution [
                        rml:functionMap [ rml:template "http://users.ugent.be/~bjdmeest/function/grel.ttl#{Fn}" ] ;
                        rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "Name" ] ] ] ] ] .
                """.formatted(SOURCE));
        List<ConversionException> errors = new ArrayList<>();
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(mapping).rowErrors(errors::add).build().run(StreamRDFLib.dataset(produced));

        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/name> "VENUS" .
                <http://example.com/2> <http://example.com/name> "serena" .
                """)).as("produced %s", produced).isTrue();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.getMessage()).contains("grel.ttl#nonsense", "does not implement");
        });
    }

    @Test
    void given_a_json_input_with_several_values_when_converting_then_the_function_is_called_once_per_value() throws IOException {
        Files.writeString(dir.resolve("people.json"), """
                { "people": [ { "id": 1, "shifts": ["morning", "evening"] }, { "id": 2, "shifts": [] } ] }
                """);
        Path mapping = dir.resolve("mapping.ttl");
        Files.writeString(mapping, PREFIXES + """
                <#People> rml:logicalSource [ rml:source "people.json" ; rml:referenceFormulation rml:JSONPath ;
                    rml:iterator "$.people[*]" ] ;
                  rml:subjectMap [ rml:template "http://example.com/{id}" ] ;
                  rml:predicateObjectMap [ rml:predicate ex:shift ; rml:objectMap [
                    rml:functionExecution [ rml:function grel:toUpperCase ;
                      rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "shifts[*]" ] ] ] ] ] .
                """);
        DatasetGraph produced = run(mapping);

        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/shift> "MORNING" .
                <http://example.com/1> <http://example.com/shift> "EVENING" .
                """)).as("produced %s", produced).isTrue();
    }

    @Test
    void given_invalid_function_executions_when_reading_the_mapping_then_each_is_rejected_naming_what_is_wrong() throws IOException {
        String missingParameter = """
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:short ; rml:objectMap [ rml:functionExecution <#Cut> ] ] .
                <#Cut> rml:function grel:string_substring ;
                  rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:reference "Name" ] ] .
                """.formatted(SOURCE);
        assertThatThrownBy(() -> run(write(missingParameter))).isInstanceOf(ConversionException.class)
                .hasMessageContaining("grel:string_substring needs its parameter grel:p_int_i_from");

        String twoKinds = """
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "Name" ;
                      rml:functionExecution [ rml:function grel:toUpperCase ] ] ] .
                """.formatted(SOURCE);
        assertThatThrownBy(() -> run(write(twoKinds))).isInstanceOf(ConversionException.class)
                .hasMessageContaining("use only one of rml:constant, rml:reference, rml:template, rml:functionExecution");

        String loop = """
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:functionExecution <#Up> ] ] .
                <#Up> rml:function grel:toUpperCase ;
                  rml:input [ rml:parameter grel:valueParam ; rml:inputValueMap [ rml:functionExecution <#Up> ] ] .
                """.formatted(SOURCE);
        assertThatThrownBy(() -> run(write(loop))).isInstanceOf(ConversionException.class)
                .hasMessageContaining("function execution <#Up>", "its own input");

        String returnWithoutFunction = """
                <#People> %s
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "Name" ; rml:return grel:stringOut ] ] .
                """.formatted(SOURCE);
        assertThatThrownBy(() -> run(write(returnWithoutFunction))).isInstanceOf(ConversionException.class)
                .hasMessageContaining("rml:return and rml:returnMap need an rml:functionExecution");
    }

    @Test
    void given_the_older_fnml_vocabulary_when_converting_then_it_runs_like_rml_fnml() throws IOException {
        Files.writeString(dir.resolve("people.csv"), CSV);
        Path mapping = dir.resolve("legacy-fnml.rml.ttl");
        Files.writeString(mapping, """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix rml: <http://semweb.mmlab.be/ns/rml#> .
                @prefix ql: <http://semweb.mmlab.be/ns/ql#> .
                @prefix fnml: <http://semweb.mmlab.be/ns/fnml#> .
                @prefix fno: <https://w3id.org/function/ontology#> .
                @prefix grel: <http://users.ugent.be/~bjdmeest/function/grel.ttl#> .
                @prefix ex: <http://example.com/> .
                @base <http://example.com/base/> .

                <#People> a rr:TriplesMap ;
                  rml:logicalSource [ rml:source "people.csv" ; rml:referenceFormulation ql:CSV ] ;
                  rr:subjectMap [ rr:template "http://example.com/{Id}" ] ;
                  rr:predicateObjectMap [ rr:predicate ex:name ;
                    rr:objectMap [ a fnml:FunctionTermMap ;
                      fnml:functionValue [
                        rml:logicalSource [ rml:source "people.csv" ; rml:referenceFormulation ql:CSV ] ;
                        rr:predicateObjectMap [ rr:predicate fno:executes ; rr:objectMap [ rr:constant grel:toUpperCase ] ] ;
                        rr:predicateObjectMap [ rr:predicate grel:valueParameter ; rr:objectMap [
                          a fnml:FunctionTermMap ;
                          fnml:functionValue [
                            rr:predicateObjectMap [ rr:predicate fno:executes ; rr:object grel:string_replace ] ;
                            rr:predicateObjectMap [ rr:predicate grel:valueParameter ; rr:objectMap [ rml:reference "Name" ] ] ;
                            rr:predicateObjectMap [ rr:predicate grel:p_string_find ; rr:object "e" ] ;
                            rr:predicateObjectMap [ rr:predicate grel:p_string_replace ; rr:objectMap [ rr:constant "3" ] ]
                          ] ] ]
                      ] ] ] .
                """);
        DatasetGraph produced = run(mapping);

        assertThat(isomorphic(produced, """
                <http://example.com/1> <http://example.com/name> "V3NUS" .
                <http://example.com/2> <http://example.com/name> "S3R3NA" .
                <http://example.com/3> <http://example.com/name> "ANA" .
                """)).as("produced %s", produced).isTrue();
        assertThat(RmlConversion.vocabulary(mapping)).isEqualTo("legacy RML (http://semweb.mmlab.be/ns/rml#) + "
                + "R2RML (http://www.w3.org/ns/r2rml#) + FNML (http://semweb.mmlab.be/ns/fnml#)");
    }

    private Path write(String body) throws IOException {
        Files.writeString(dir.resolve("people.csv"), CSV);
        Path mapping = dir.resolve("mapping.ttl");
        Files.writeString(mapping, PREFIXES + body);
        return mapping;
    }

    private static DatasetGraph run(Path mapping) {
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(mapping).build().run(StreamRDFLib.dataset(produced));
        return produced;
    }

    private static boolean isomorphic(DatasetGraph produced, String expectedNTriples) {
        Graph expected = GraphFactory.createDefaultGraph();
        RDFParser.fromString(expectedNTriples, Lang.NTRIPLES).parse(expected);
        return produced.listGraphNodes().hasNext() == false && IsoMatcher.isomorphic(expected, produced.getDefaultGraph());
    }
}
