package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Datasets for the search tests (the payments fixture's table and mapping under other titles) and reading the JSON API. */
final class SearchFixtures {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final ObjectMapper JSON = new ObjectMapper();

    private SearchFixtures() {}

    /**
     * A dataset folder in {@code dir}: the payments fixture's {@code pagos.csv} and mapping (copied byte for byte), with a
     * description whose title, description and keywords are the given ones.
     */
    static Path payments(Path dir, String slug, String title, String description, List<String> keywords) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(slug));
        Files.copy(FIXTURES.resolve("pagos-prueba/pagos.csv"), folder.resolve("pagos.csv"));
        Files.copy(FIXTURES.resolve("pagos-prueba/mapping.rml.ttl"), folder.resolve("mapping.rml.ttl"));
        String yaml = "slug: " + slug + "\n"
                + "title:\n  es: " + JSON.writeValueAsString(title) + "\n"
                + "description:\n  es: " + JSON.writeValueAsString(description) + "\n"
                + "publisher:\n  name: \"Tesorería Municipal de Prueba\"\n"
                + "themes: [GOVE]\n"
                + (keywords.isEmpty() ? "" : "keywords:\n  es: " + JSON.writeValueAsString(keywords) + "\n")
                + "license: \"https://creativecommons.org/licenses/by/4.0/\"\n"
                + "source:\n  file: pagos.csv\n  mediaType: text/csv\n"
                + "mapping: mapping.rml.ttl\n"
                + "issued: 2024-05-01\n";
        Files.writeString(folder.resolve("dataset.yaml"), yaml);
        return folder;
    }

    static JsonNode api(TestPortal portal, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = portal.get("/api/search" + (query.isEmpty() ? "" : "?" + query), null);
        if (r.statusCode() != 200) throw new AssertionError("GET /api/search?" + query + ": " + r.statusCode() + "\n" + r.body());
        return JSON.readTree(r.body());
    }

    /** The titles of the results, in order. */
    static List<String> titles(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("results").forEach(r -> out.add(r.path("title").asText()));
        return out;
    }

    /** The IRIs of the results, in order. */
    static List<String> iris(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("results").forEach(r -> out.add(r.path("iri").asText()));
        return out;
    }

    /** A facet of the answer as value → count. */
    static Map<String, Long> facet(JsonNode answer, String name) {
        Map<String, Long> out = new LinkedHashMap<>();
        answer.path("facets").path(name).forEach(v -> out.put(v.path("value").asText(), v.path("count").asLong()));
        return out;
    }
}
