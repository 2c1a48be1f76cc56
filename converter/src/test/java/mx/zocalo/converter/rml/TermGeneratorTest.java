package mx.zocalo.converter.rml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.junit.jupiter.api.Test;

class TermGeneratorTest {
    private final TermGenerator terms = new TermGenerator("t-");

    private static TermMap iriTemplate(String template) {
        return new TermMap("subject map of <#T>", null, null, Template.parse(template), TermType.IRI, null, null, null, null);
    }

    private static Record row(Map<String, String> values) {
        return reference -> values.containsKey(reference) ? List.of(values.get(reference)) : List.of();
    }

    @Test
    void given_a_prepared_template_whose_text_is_a_valid_iri_when_generating_then_any_value_gives_a_valid_percent_encoded_iri() {
        TermMap map = iriTemplate("https://datos.example.mx/id/{a}/{b}");
        terms.prepare(map, null);

        List<Node> iris = terms.generate(map, row(Map.of("a", "H. Cámara de Diputados", "b", "50% <x> {y} \"z\"")), null);

        assertThat(iris).extracting(Node::getURI)
                .containsExactly("https://datos.example.mx/id/H.%20Cámara%20de%20Diputados/50%25%20%3Cx%3E%20%7By%7D%20%22z%22");
        assertThat(org.apache.jena.irix.IRIx.create(iris.get(0).getURI()).isAbsolute()).isTrue();
    }

    @Test
    void given_a_template_with_a_reference_in_the_port_when_prepared_then_each_row_is_still_checked() {
        TermMap map = iriTemplate("http://datos.example.mx:{port}/x");
        terms.prepare(map, null);

        assertThat(terms.generate(map, row(Map.of("port", "8080")), null)).extracting(Node::getURI)
                .containsExactly("http://datos.example.mx:8080/x");
        assertThatThrownBy(() -> terms.generate(map, row(Map.of("port", "ocho")), null))
                .isInstanceOf(DataException.class).hasMessageContaining("makes an invalid IRI <http://datos.example.mx:ocho/x>");
    }

    @Test
    void given_a_template_that_starts_with_a_reference_when_prepared_then_each_row_is_still_checked() {
        TermMap map = iriTemplate("{scheme}//x");
        terms.prepare(map, "http://base.example/");

        assertThatThrownBy(() -> terms.generate(map, row(Map.of("scheme", "a b")), null))
                .isInstanceOf(DataException.class).hasMessageContaining("no base IRI");
        assertThat(terms.generate(map, row(Map.of("scheme", "a b")), "http://base.example/")).extracting(Node::getURI)
                .containsExactly("http://base.example/a%20b//x");
    }
}
