package mx.zocalo.converter.rml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void given_template_with_references_when_parsed_then_text_and_references_alternate() {
        Template t = Template.parse("id/ramo/{RAMO}/{CICLO}");
        assertThat(t.parts()).containsExactly(new Template.Text("id/ramo/"), new Template.Reference("RAMO"),
                new Template.Text("/"), new Template.Reference("CICLO"));
        assertThat(t.references()).isEqualTo(List.of("RAMO", "CICLO"));
    }

    @Test
    void given_escaped_braces_when_parsed_then_they_are_text_or_part_of_a_column_name() {
        assertThat(Template.parse("\\{\\{ {ISO 3166} \\}\\}").parts()).containsExactly(
                new Template.Text("{{ "), new Template.Reference("ISO 3166"), new Template.Text(" }}"));
        assertThat(Template.parse("http://example.com/{\\{Name\\}}").references()).containsExactly("{Name}");
        assertThat(Template.parse("http://example.com/{N\\\\ame}").references()).containsExactly("N\\ame");
    }

    @Test
    void given_unbalanced_or_nested_braces_when_parsed_then_rejected() {
        assertThatThrownBy(() -> Template.parse("http://example.com/{{Name}}")).hasMessageContaining("inside a reference");
        assertThatThrownBy(() -> Template.parse("http://example.com/{Name")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Template.parse("http://example.com/Name}")).hasMessageContaining("without a matching");
        assertThatThrownBy(() -> Template.parse("id/{}")).hasMessageContaining("empty reference");
        assertThatThrownBy(() -> Template.parse("id/\\")).hasMessageContaining("lone backslash");
    }
}
