package mx.zocalo.server.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * The bundled datasets of {@code ../mappings} and the coordinates fixture, published once per test run into a
 * temporary TDB2 store and served on a free port, for the tests of the row API; with the helpers they share: JSON
 * answers read with exact decimals, and SPARQL sent to {@code /sparql}.
 */
final class BundledPortal {
    static final Path MAPPINGS = Path.of("../mappings");
    static final Path COORDINATES = Path.of("src/test/resources/fixtures/localidades-coordenadas");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    static final String PREFIXES = """
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX zoc: <https://datos.example.mx/def/zocalo#>
            """;
    private static TestPortal portal;

    private BundledPortal() {}

    static synchronized TestPortal get() {
        if (portal != null) return portal;
        try {
            Path dir = Files.createTempDirectory("zocalo-rows");
            portal = new TestPortal(dir);
            portal.publisher.publishAll(MAPPINGS, false);
            portal.publisher.publish(COORDINATES, false);
            TestPortal p = portal;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.close();
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            return portal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String graph(String slug) {
        return "<" + TestPortal.BASE + "graph/" + slug + ">";
    }

    /** The solutions of a SELECT sent to {@code /sparql}. */
    static List<Binding> sparql(TestPortal p, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = p.get("/sparql?query=" + TestPortal.enc(PREFIXES + query), "application/sparql-results+json");
        if (r.statusCode() != 200) throw new AssertionError("SPARQL " + r.statusCode() + ": " + r.body() + "\n" + query);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        List<Binding> out = new ArrayList<>();
        while (rs.hasNext()) out.add(rs.nextBinding());
        return out;
    }

    /** A JSON answer of the row API, with its status checked. */
    static JsonNode json(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 200) throw new AssertionError("row API " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
