package mx.zocalo.converter.rml.fn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

/** The function library, function by function: normal values, empty and missing values, values of the wrong type. */
class FunctionLibraryTest {
    private static final String GREL = FunctionLibrary.GREL;
    private static final String IDLAB = FunctionLibrary.IDLAB;
    private static final String FNS = FunctionLibrary.FNS;
    private static final FunctionLibrary LIBRARY = FunctionLibrary.standard();

    /** The single result of a one-output function. */
    private static Object call(String iri, String... args) {
        Object[] out = LIBRARY.get(iri).orElseThrow().call(args);
        assertThat(out).hasSize(1);
        return out[0];
    }

    @Test
    void every_function_declared_in_the_rml_fnml_functions_file_is_implemented_with_its_parameters_and_outputs() throws Exception {
        Path functions = Path.of(getClass().getResource("/rml-fnml/functions.ttl").toURI());
        Graph graph = RDFDataMgr.loadGraph(functions.toString());
        Node function = NodeFactory.createURI("https://w3id.org/function/ontology#Function");
        Node expects = NodeFactory.createURI("https://w3id.org/function/ontology#expects");
        Node returns = NodeFactory.createURI("https://w3id.org/function/ontology#returns");
        List<Node> declared = graph.find(Node.ANY, RDF.type.asNode(), function).mapWith(t -> t.getSubject()).toList();
        assertThat(declared).hasSize(5);
        for (Node f : declared) {
            FnoFunction implemented = LIBRARY.get(f.getURI()).orElse(null);
            assertThat(implemented).as("implementation of %s", f).isNotNull();
            assertThat(implemented.parameters().stream().map(FnoParameter::iri).toList())
                    .isEqualTo(list(graph, graph.find(f, expects, Node.ANY).next().getObject()));
            assertThat(implemented.outputs().stream().map(FnoOutput::iri).toList())
                    .isEqualTo(list(graph, graph.find(f, returns, Node.ANY).next().getObject()));
        }
    }

    private static List<String> list(Graph graph, Node head) {
        var model = org.apache.jena.rdf.model.ModelFactory.createModelForGraph(graph);
        return model.wrapAsResource(head).as(org.apache.jena.rdf.model.RDFList.class).asJavaList().stream()
                .map(n -> n.asResource().getURI()).toList();
    }

    @Test
    void every_function_the_rml_fnml_test_cases_call_is_implemented() throws Exception {
        Path suite = Path.of(getClass().getResource("/rml-fnml/manifest.ttl").toURI()).getParent();
        Set<String> called;
        try (var dirs = Files.list(suite)) {
            called = dirs.filter(Files::isDirectory).flatMap(d -> {
                Graph g = RDFDataMgr.loadGraph(d.resolve("mapping.ttl").toString());
                return g.find(Node.ANY, NodeFactory.createURI("http://w3id.org/rml/function"), Node.ANY).toList().stream()
                        .map(t -> t.getObject().getURI());
            }).collect(Collectors.toSet());
        }
        assertThat(called).contains(GREL + "toUpperCase", IDLAB + "equal").hasSize(9);
        assertThat(called.stream().filter(iri -> LIBRARY.get(iri).isEmpty())).containsExactly(GREL + "unknown_func");
    }

    @Test
    void parameters_and_outputs_are_found_by_their_iri_and_by_their_predicate() {
        FnoFunction substring = LIBRARY.get(GREL + "string_substring").orElseThrow();
        assertThat(substring.parameterIndex(GREL + "p_int_i_from")).isEqualTo(1);
        assertThat(substring.parameterIndex(GREL + "param_int_i_from")).isEqualTo(1);
        assertThat(substring.parameterIndex(GREL + "valueParameter")).isZero();
        assertThat(substring.parameterIndex(GREL + "unknownParam")).isEqualTo(-1);
        FnoFunction parse = LIBRARY.get(FNS + "parseURL").orElseThrow();
        assertThat(parse.outputIndex(FNS + "domainOutput")).isEqualTo(1);
        assertThat(parse.outputIndex(FNS + "hasDomainOutput")).isEqualTo(1);
        assertThat(parse.outputIndex(GREL + "stringOut")).isEqualTo(-1);
        assertThat(LIBRARY.get(GREL + "unknown_func")).isEmpty();
    }

    @Test
    void case_functions() {
        assertThat(call(GREL + "toUpperCase", "Mérida, Yucatán")).isEqualTo("MÉRIDA, YUCATÁN");
        assertThat(call(GREL + "toLowerCase", "CDMX Norte")).isEqualTo("cdmx norte");
        assertThat(call(GREL + "string_toTitlecase", "ciudad de MÉXICO\tnorte")).isEqualTo("Ciudad De México\tNorte");
        for (String f : List.of("toUpperCase", "toLowerCase", "string_toTitlecase")) {
            assertThat(call(GREL + f, "")).isEqualTo("");
            assertThat(call(GREL + f, (String) null)).isNull();
            assertThat(call(GREL + f, "123")).isEqualTo("123");
        }
    }

    @Test
    void trim_removes_leading_and_trailing_white_space_only() {
        assertThat(call(GREL + "string_trim", "  San Luis  Potosí \t")).isEqualTo("San Luis  Potosí");
        assertThat(call(GREL + "string_trim", "   ")).isEqualTo("");
        assertThat(call(GREL + "string_trim", (String) null)).isNull();
    }

    @Test
    void replace_replaces_every_occurrence_of_a_plain_string() {
        assertThat(call(GREL + "string_replace", "M Venus de Milo", " ", "-")).isEqualTo("M-Venus-de-Milo");
        assertThat(call(GREL + "string_replace", "a.b.c", ".", "")).isEqualTo("abc"); // not a regular expression
        assertThat(call(GREL + "string_replace", "aaa", "aa", "b")).isEqualTo("ba");
        assertThat(call(GREL + "string_replace", "abc", "", "x")).isEqualTo("abc");
        assertThat(call(GREL + "string_replace", "abc", "b", null)).isEqualTo("ac");
        assertThat(call(GREL + "string_replace", null, "b", "x")).isNull();
    }

    @Test
    void length_counts_characters_and_returns_an_integer() {
        assertThat(call(GREL + "string_length", "Venus")).isEqualTo(5);
        assertThat(call(GREL + "string_length", "Querétaro")).isEqualTo(9);
        assertThat(call(GREL + "string_length", "😀a")).isEqualTo(2); // one code point outside the BMP
        assertThat(call(GREL + "string_length", "")).isEqualTo(0);
        assertThat(call(GREL + "string_length", (String) null)).isNull();
        assertThat(LIBRARY.get(GREL + "string_length").orElseThrow().outputs().get(0).type())
                .isEqualTo("http://www.w3.org/2001/XMLSchema#integer");
    }

    @Test
    void substring_takes_from_and_optional_to_counts_negatives_from_the_end_and_has_no_result_out_of_range() {
        assertThat(call(GREL + "string_substring", "Venus", "1", null)).isEqualTo("enus");
        assertThat(call(GREL + "string_substring", "Venus", "1", "3")).isEqualTo("en");
        assertThat(call(GREL + "string_substring", "Venus", " 2 ", null)).isEqualTo("nus"); // white space around numbers
        assertThat(call(GREL + "string_substring", "Venus", "-3", null)).isEqualTo("nus");
        assertThat(call(GREL + "string_substring", "Venus", "0", "-1")).isEqualTo("Venu");
        assertThat(call(GREL + "string_substring", "Venus", "5", null)).isEqualTo("");
        assertThat(call(GREL + "string_substring", "Venus", "6", null)).isNull();
        assertThat(call(GREL + "string_substring", "Venus", "1000", null)).isNull();
        assertThat(call(GREL + "string_substring", "Venus", "3", "2")).isNull();
        assertThat(call(GREL + "string_substring", "Venus", "0", "9")).isNull();
        assertThat(call(GREL + "string_substring", "Venus", "-9", null)).isNull();
        assertThat(call(GREL + "string_substring", "", "0", null)).isEqualTo("");
        assertThat(call(GREL + "string_substring", null, "0", null)).isNull();
        assertThat(call(GREL + "string_substring", "Venus", null, null)).isNull();
        assertThatThrownBy(() -> call(GREL + "string_substring", "Venus", "uno", null))
                .isInstanceOf(FunctionException.class)
                .hasMessageContaining("grel:p_int_i_from", "xsd:int", "\"uno\"");
        assertThatThrownBy(() -> call(GREL + "string_substring", "Venus", "1.5", null)).isInstanceOf(FunctionException.class);
        assertThatThrownBy(() -> call(GREL + "string_substring", "Venus", "0", "")).isInstanceOf(FunctionException.class);
    }

    @Test
    void contains_starts_with_and_ends_with_test_a_plain_substring() {
        assertThat(call(GREL + "string_contains", "Aguascalientes", "cal")).isEqualTo(true);
        assertThat(call(GREL + "string_contains", "Aguascalientes", "Cal")).isEqualTo(false);
        assertThat(call(GREL + "string_contains", "Aguascalientes", "")).isEqualTo(true);
        assertThat(call(GREL + "string_startsWith", "Aguascalientes", "Agua")).isEqualTo(true);
        assertThat(call(GREL + "string_startsWith", "Aguascalientes", "gua")).isEqualTo(false);
        assertThat(call(GREL + "string_endsWith", "Aguascalientes", "tes")).isEqualTo(true);
        assertThat(call(GREL + "string_endsWith", "", "a")).isEqualTo(false);
        assertThat(call(GREL + "string_contains", null, "a")).isNull();
        assertThat(call(GREL + "string_endsWith", "a", null)).isNull();
    }

    @Test
    void escape_by_mode() {
        assertThat(call(GREL + "escape", "A&B", "html")).isEqualTo("A&amp;B");
        assertThat(call(GREL + "escape", "<a href=\"x\">O'Neil</a>", "html"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;O'Neil&lt;/a&gt;");
        assertThat(call(GREL + "escape", "O'Neil & <Co>", "xml")).isEqualTo("O&apos;Neil &amp; &lt;Co&gt;");
        assertThat(call(GREL + "escape", "plain", "csv")).isEqualTo("plain");
        assertThat(call(GREL + "escape", "a,\"b\"", "csv")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(call(GREL + "escape", "a b&c/é", "url")).isEqualTo("a+b%26c%2F%C3%A9");
        assertThat(call(GREL + "escape", "say \"hi\"\n\\ é", "javascript")).isEqualTo("say \\\"hi\\\"\\n\\\\ \\u00E9");
        assertThat(call(GREL + "escape", "", "html")).isEqualTo("");
        assertThat(call(GREL + "escape", null, "html")).isNull();
        assertThat(call(GREL + "escape", "x", "HTML")).isEqualTo("x");
        assertThatThrownBy(() -> call(GREL + "escape", "x", "base64")).isInstanceOf(FunctionException.class)
                .hasMessageContaining("\"base64\"");
        assertThatThrownBy(() -> call(GREL + "escape", "x", null)).isInstanceOf(FunctionException.class);
    }

    @Test
    void md5_and_sha1_are_lower_case_hex_of_the_utf8_bytes() throws Exception {
        // Expected values from the JDK's own digests of the same bytes, and from coreutils md5sum/sha1sum.
        assertThat(call(GREL + "string_md5", "Venus")).isEqualTo("0bdc508a17811a3a860d32749ad44e4b");
        assertThat(call(GREL + "string_sha1", "Venus")).isEqualTo("710689724688f399e9d200d136d47be8442d1126");
        assertThat(call(GREL + "string_md5", "")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest("Yucatán".getBytes(StandardCharsets.UTF_8));
        assertThat(call(GREL + "string_md5", "Yucatán")).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        assertThat(call(GREL + "string_sha1", (String) null)).isNull();
    }

    @Test
    void to_upper_case_url_puts_http_in_front_unless_the_upper_cased_value_starts_with_it() {
        assertThat(call(IDLAB + "toUpperCaseURL", "http://example.com/venus")).isEqualTo("HTTP://EXAMPLE.COM/VENUS");
        assertThat(call(IDLAB + "toUpperCaseURL", "www.example.com")).isEqualTo("http://WWW.EXAMPLE.COM");
        assertThat(call(IDLAB + "toUpperCaseURL", "Venus")).isEqualTo("http://VENUS");
        assertThat(call(IDLAB + "toUpperCaseURL", "https://a.mx")).isEqualTo("http://HTTPS://A.MX");
        assertThat(call(IDLAB + "toUpperCaseURL", "")).isEqualTo("http://");
        assertThat(call(IDLAB + "toUpperCaseURL", (String) null)).isNull();
    }

    @Test
    void equal_and_not_equal_compare_strings_exactly() {
        assertThat(call(IDLAB + "equal", "A", "A")).isEqualTo(true);
        assertThat(call(IDLAB + "equal", "A", "a")).isEqualTo(false);
        assertThat(call(IDLAB + "equal", "1", "1.0")).isEqualTo(false);
        assertThat(call(IDLAB + "equal", "", "")).isEqualTo(true);
        assertThat(call(IDLAB + "equal", null, "A")).isEqualTo(false);
        assertThat(call(IDLAB + "equal", null, null)).isEqualTo(true);
        assertThat(call(IDLAB + "notEqual", "A", "B")).isEqualTo(true);
        assertThat(call(IDLAB + "notEqual", "A", "A")).isEqualTo(false);
        assertThat(call(IDLAB + "notEqual", null, "")).isEqualTo(true);
    }

    @Test
    void is_null_concat_and_true_condition() {
        assertThat(call(IDLAB + "isNull", (String) null)).isEqualTo(true);
        assertThat(call(IDLAB + "isNull", "")).isEqualTo(false);
        assertThat(call(IDLAB + "concat", "Nuevo", "León", " ")).isEqualTo("Nuevo León");
        assertThat(call(IDLAB + "concat", "a", "b", null)).isEqualTo("ab");
        assertThat(call(IDLAB + "concat", "", "", "-")).isEqualTo("-");
        assertThat(call(IDLAB + "concat", null, "b", "-")).isNull();
        assertThat(call(IDLAB + "trueCondition", "true", "kept")).isEqualTo("kept");
        assertThat(call(IDLAB + "trueCondition", "false", "kept")).isNull();
        assertThat(call(IDLAB + "trueCondition", "TRUE", "kept")).isNull();
        assertThat(call(IDLAB + "trueCondition", null, "kept")).isNull();
    }

    @Test
    void functions_without_parameters_and_the_schema_function() {
        assertThat(call(IDLAB + "alwaysReturnsABC")).isEqualTo("ABC");
        assertThat(call(FNS + "helloworld")).isEqualTo("Hello World!");
        assertThat(call(FNS + "schema", "Person")).isEqualTo("https://schema.org/Person");
        assertThat(call(FNS + "schema", "")).isEqualTo("https://schema.org/");
        assertThat(call(FNS + "schema", (String) null)).isNull();
    }

    @Test
    void parse_url_returns_protocol_domain_and_path() {
        FnoFunction parse = LIBRARY.get(FNS + "parseURL").orElseThrow();
        assertThat(parse.call("https://datos.gob.mx/busca/dataset")).containsExactly("https", "datos.gob.mx", "busca/dataset");
        assertThat(parse.call("ftp://example.com")).containsExactly("ftp", "example.com", "");
        assertThat(parse.call("http://example.com/")).containsExactly("http", "example.com", "");
        assertThat(parse.call((String) null)).containsExactly(null, null, null);
        assertThatThrownBy(() -> parse.call("example.com/x")).isInstanceOf(FunctionException.class)
                .hasMessageContaining("\"example.com/x\"");
        assertThatThrownBy(() -> parse.call("")).isInstanceOf(FunctionException.class);
    }

    @Test
    void a_call_with_the_wrong_number_of_arguments_is_a_programming_error() {
        assertThatThrownBy(() -> call(GREL + "toUpperCase", "a", "b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_are_written_as_rdf_lexical_forms() {
        assertThat(FnoFunction.lexical(5)).isEqualTo("5");
        assertThat(FnoFunction.lexical(true)).isEqualTo("true");
        assertThat(FnoFunction.lexical(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(FnoFunction.shortName(GREL + "escape")).isEqualTo("grel:escape");
        assertThat(FnoFunction.shortName("http://other.example/f")).isEqualTo("<http://other.example/f>");
    }
}
