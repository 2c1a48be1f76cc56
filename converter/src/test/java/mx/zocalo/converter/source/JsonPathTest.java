package mx.zocalo.converter.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {
    private static final JsonNode DOC = read("""
            {"a": {"b": [1, 2, {"c": "x"}], "d e": "spaced"}, "list": [{"c": "y"}, {"c": "z"}]}""");

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(String path) {
        return JsonPath.parse(path).select(DOC).stream().map(n -> n.isValueNode() ? n.asText() : n.toString()).toList();
    }

    @Test
    void given_paths_when_selecting_then_children_wildcards_indexes_and_descent_work() {
        assertThat(texts("$.a.b[0]")).containsExactly("1");
        assertThat(texts("a.b[-1].c")).containsExactly("x");
        assertThat(texts("$['a']['d e']")).containsExactly("spaced");
        assertThat(texts("a.d e")).containsExactly("spaced");
        assertThat(texts("$.list[*].c")).containsExactly("y", "z");
        assertThat(texts("$.list.*.c")).containsExactly("y", "z");
        assertThat(texts("$..c")).containsExactly("x", "y", "z");
        assertThat(texts("$.missing.c")).isEmpty();
        assertThat(texts("$")).hasSize(1);
    }

    @Test
    void given_unsupported_path_when_parsing_then_rejected_with_reason() {
        assertThatThrownBy(() -> JsonPath.parse("$.list[?(@.c)]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not supported");
        assertThatThrownBy(() -> JsonPath.parse("$.a[0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPath.parse("$..")).isInstanceOf(IllegalArgumentException.class);
    }
}
