package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

class JsonSourceTest {
    static final String BASE = "https://datos.example.mx/";

    private static DatasetGraph convert(String mapping) {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file(mapping)).base(BASE).build().run(StreamRDFLib.dataset(dsg));
        return dsg;
    }

    @Test
    void given_json_source_when_converting_then_paths_arrays_and_templates_give_one_term_per_value() {
        DatasetGraph produced = convert("escuelas-json.rml.ttl");

        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        RDFDataMgr.read(expected, TestData.file("escuelas-json-expected.nq").toString());
        assertThat(IsoMatcher.isomorphic(expected, produced)).as("produced %s", produced.getDefaultGraph()).isTrue();
    }

    @Test
    void given_legacy_vocabulary_over_json_when_converting_then_it_reads_as_the_current_one() {
        DatasetGraph produced = convert("escuelas-legacy-json.rml.ttl");

        Node school = NodeFactory.createURI(BASE + "id/escuela/19DPR0002B");
        assertThat(produced.getDefaultGraph().contains(school, NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label"),
                NodeFactory.createLiteralLang("Leona Vicario", "es"))).isTrue();
        assertThat(produced.getDefaultGraph().size()).isEqualTo(2);
    }

    @Test
    void given_reference_to_an_array_when_converting_then_error_says_to_select_its_items() {
        ConversionException e = catchThrowableOfType(ConversionException.class, () -> convert("escuelas-array-reference.rml.ttl"));

        assertThat(e.getMessage()).startsWith("escuelas.json, record 1 of $.escuelas[*], column \"turnos\": ")
                .contains("selects an array, not values (for the items of an array, add [*])");
    }
}
