package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;

import mx.zocalo.converter.rml.RmlConversion;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.Test;

/** Mappings in the older vocabulary RMLMapper accepts: R2RML terms, the legacy RML namespace and ql: formulations. */
class LegacyVocabularyTest {

    @Test
    void given_legacy_rml_and_r2rml_mapping_over_csv_when_converting_then_output_is_as_with_the_current_vocabulary() {
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        Conversion.builder().mapping(TestData.file("legacy-r2rml.rml.ttl")).build().run(StreamRDFLib.dataset(produced));

        DatasetGraph expected = DatasetGraphFactory.createTxnMem();
        RDFDataMgr.read(expected, TestData.file("legacy-r2rml-expected.nq").toString());
        assertThat(IsoMatcher.isomorphic(expected, produced)).as("produced %s", produced).isTrue();
    }

    @Test
    void given_mappings_when_asking_their_vocabulary_then_legacy_and_current_are_told_apart() {
        assertThat(RmlConversion.vocabulary(TestData.file("legacy-r2rml.rml.ttl")))
                .isEqualTo("legacy RML (http://semweb.mmlab.be/ns/rml#) + R2RML (http://www.w3.org/ns/r2rml#)");
        assertThat(RmlConversion.vocabulary(TestData.file("spending.rml.ttl"))).isEqualTo("RML (http://w3id.org/rml/)");
        assertThat(RmlConversion.vocabulary(TestData.file("malformed.rml.ttl"))).isNull();
    }
}
