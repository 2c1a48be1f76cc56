package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;

/**
 * The places of the portal: every resource of class {@code zoc:EntidadFederativa} (a state) or {@code zoc:Municipio}
 * (a municipality) with a code ({@code dct:identifier}) and a GeoSPARQL polygon, in whichever dataset publishes them
 * (the bundled {@code lugares}). Read once per data version; their boundaries are served simplified as GeoJSON at
 * {@code /api/places/estado.geojson} and {@code /api/places/municipio.geojson} (cached by the browser for an hour,
 * validated by data version), for maps and choropleths.
 */
final class Places {
    /** The two levels of places, by the path segment of their GeoJSON and the local name of their class. */
    static final Map<String, String> LEVELS = Map.of("estado", "EntidadFederativa", "municipio", "Municipio");
    private static final JsonFactory JSON = new JsonFactory();

    /** A place: its IRI, level ({@code estado}, {@code municipio}), code, name and boundary as WKT. */
    record Place(String iri, String level, String code, String label, String wkt) {}

    private final Store store;
    private final PortalIris iris;
    private final Supplier<String> version;
    private volatile Map<String, Place> byIri;
    private volatile String readAt;
    private final Map<String, byte[]> shapes = new ConcurrentHashMap<>();

    Places(Store store, PortalIris iris, Supplier<String> version) {
        this.store = store;
        this.iris = iris;
        this.version = version;
    }

    /** The portal's base IRI: records under it have local pages. */
    String base() {
        return iris.base();
    }

    /** Every place by IRI (in code order). */
    Map<String, Place> all() {
        String v = version.get();
        Map<String, Place> kept = byIri;
        if (kept != null && v != null && v.equals(readAt)) return kept;
        synchronized (this) {
            if (byIri != null && v != null && v.equals(readAt)) return byIri;
            byIri = read();
            shapes.clear();
            readAt = v;
            return byIri;
        }
    }

    /** The places of one level. */
    List<Place> level(String level) {
        return all().values().stream().filter(p -> p.level().equals(level)).toList();
    }

    /** {@code GET /api/places/{level}.geojson}: the boundaries of a level, simplified, with code and name. */
    void geojson(Context ctx) {
        String file = ctx.pathParam("file");
        String level = file.endsWith(".geojson") ? file.substring(0, file.length() - ".geojson".length()) : "";
        if (!LEVELS.containsKey(level)) throw new NotFoundResponse("No places called '" + file + "': estado.geojson or municipio.geojson");
        all();
        String etag = "\"places-" + Integer.toHexString(String.valueOf(readAt).hashCode()) + "-" + level + "\"";
        ctx.header("ETag", etag).header("Cache-Control", "public, max-age=3600").header("Access-Control-Allow-Origin", "*");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/geo+json").result(shapes.computeIfAbsent(level, this::write));
    }

    /** Simplified within about 1 km for states, 150 m for municipalities: enough for a map of a country or a state. */
    private byte[] write(String level) {
        double tolerance = level.equals("estado") ? 0.01 : 0.0015;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Place p : level(level)) {
                List<List<WktShapes.Ring>> polygons = WktShapes.simplify(WktShapes.polygons(p.wkt()), tolerance);
                if (polygons.isEmpty()) continue;
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", p.code());
                g.writeObjectFieldStart("properties");
                g.writeStringField("code", p.code());
                g.writeStringField("name", p.label());
                g.writeStringField("iri", p.iri());
                g.writeEndObject();
                g.writeFieldName("geometry");
                WktShapes.writeGeoJson(g, polygons, 4);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Map<String, Place> read() {
        ParameterizedSparqlString q = new ParameterizedSparqlString("""
                SELECT ?place ?type ?code (SAMPLE(?name) AS ?label) (SAMPLE(?shape) AS ?wkt) WHERE {
                  ?place a ?type ; <http://purl.org/dc/terms/identifier> ?code ;
                         <http://www.opengis.net/ont/geosparql#hasGeometry> ?g .
                  ?g <http://www.opengis.net/ont/geosparql#asWKT> ?shape .
                  OPTIONAL { ?place <http://www.w3.org/2000/01/rdf-schema#label> ?name }
                  FILTER (?type IN (?estado, ?municipio))
                } GROUP BY ?place ?type ?code ORDER BY ?code""");
        Node estado = iris.term(LEVELS.get("estado"));
        Node municipio = iris.term(LEVELS.get("municipio"));
        q.setParam("estado", estado);
        q.setParam("municipio", municipio);
        return store.query(q.asQuery(), Duration.ofSeconds(60), qe -> {
            Map<String, Place> out = new LinkedHashMap<>();
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                String iri = s.getResource("place").getURI();
                String level = s.getResource("type").getURI().equals(estado.getURI()) ? "estado" : "municipio";
                String code = s.get("code").isLiteral() ? s.getLiteral("code").getLexicalForm() : s.get("code").toString();
                String label = s.get("label") != null && s.get("label").isLiteral() ? s.getLiteral("label").getLexicalForm() : code;
                out.putIfAbsent(iri, new Place(iri, level, code, label, s.getLiteral("wkt").getLexicalForm()));
            }
            return out;
        });
    }
}
