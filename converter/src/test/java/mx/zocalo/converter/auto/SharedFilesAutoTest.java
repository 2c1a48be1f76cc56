package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.TestData;
import mx.zocalo.converter.source.RealFilesTest;
import mx.zocalo.converter.source.TableOptions;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared data set (the copies in {@code src/test/resources/data}; the 927,360-row benchmark file is
 * left to {@code zocalo bench convert}) converted with the automatic mapping and nothing else: no header row, sheet or
 * encoding given; the expected figures are {@link RealFilesTest#files()}'s. Every row gets a label in Spanish that is
 * not a bare number.
 */
class SharedFilesAutoTest {
    static final String BASE = "https://datos.example.mx/";

    /** The files of {@link RealFilesTest#files()} kept in the repository: all but the benchmark file. */
    static Stream<Arguments> files() {
        return RealFilesTest.files().filter(a -> !((String) a.get()[0]).startsWith("/"));
    }

    @ParameterizedTest(name = "{0}: {1} rows")
    @MethodSource("files")
    void given_shared_file_when_converted_without_a_mapping_then_one_resource_per_source_row_and_text_intact(String name,
            long rows, String column, String text) {
        AutoMapping m = AutoMapping.infer(TestData.file(name), TableOptions.AUTO, BASE, null, null);
        Node rowClass = NodeFactory.createURI(m.classIri());
        Set<Node> typed = new HashSet<>();
        Set<Node> labelled = new HashSet<>();
        boolean[] found = {false};
        long[] replaced = {0};
        ConversionResult result = Conversion.builder().auto(m).build().run(new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                if (t.getPredicate().equals(RDF.type.asNode()) && t.getObject().equals(rowClass)) {
                    typed.add(t.getSubject());
                }
                if (t.getPredicate().equals(RDFS.label.asNode()) && t.getObject().getLiteralLanguage().equals("es")
                        && !t.getObject().getLiteralLexicalForm().matches("[0-9]+")) {
                    labelled.add(t.getSubject());
                }
                if (t.getObject().isLiteral()) {
                    String lexical = t.getObject().getLiteralLexicalForm();
                    found[0] |= lexical.contains(text);
                    replaced[0] += lexical.indexOf('\uFFFD') >= 0 ? 1 : 0;
                }
            }
        });

        assertThat(m.rows()).isEqualTo(rows);
        assertThat(result.rows()).isEqualTo(rows);
        assertThat(typed).as("distinct row resources").hasSize((int) rows);
        typed.removeAll(labelled);
        assertThat(typed).as("rows without a label in Spanish that is not a number").isEmpty();
        assertThat(m.columns()).anySatisfy(c -> assertThat(c.title()).isEqualTo(column));
        assertThat(found[0]).as("a literal holds \"%s\"", text).isTrue();
        assertThat(replaced[0]).as("literals with U+FFFD").isZero();
    }
}
