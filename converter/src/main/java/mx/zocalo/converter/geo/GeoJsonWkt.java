package mx.zocalo.converter.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A GeoJSON geometry (RFC 7946: {@code Point}, {@code MultiPoint}, {@code LineString}, {@code MultiLineString},
 * {@code Polygon}, {@code MultiPolygon}, {@code GeometryCollection}; or a {@code Feature}, for its geometry) as WKT, in
 * the same axis order (longitude first, as CRS84 and GeoSPARQL's default). Numbers are written as the JSON has them; a
 * position's elevation (a third number) is left out, as WKT without {@code Z} has none.
 */
public final class GeoJsonWkt {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private GeoJsonWkt() {}

    /**
     * The WKT of a GeoJSON geometry written as JSON text; null for no geometry (JSON {@code null}, a feature without one).
     *
     * @throws IllegalArgumentException with the reason when the text is not JSON or not a GeoJSON geometry
     */
    public static String wkt(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if ("Feature".equals(node.path("type").asText())) {
            node = node.get("geometry");
            if (node == null || node.isNull()) {
                return null;
            }
        }
        StringBuilder out = new StringBuilder(json.length());
        geometry(node, out);
        return out.toString();
    }

    private static void geometry(JsonNode g, StringBuilder out) {
        if (!g.isObject() || !g.path("type").isTextual()) {
            throw new IllegalArgumentException("not a GeoJSON geometry (an object with \"type\" and \"coordinates\")");
        }
        String type = g.get("type").asText();
        if (type.equals("GeometryCollection")) {
            JsonNode members = g.path("geometries");
            if (!members.isArray()) {
                throw new IllegalArgumentException("a GeometryCollection without \"geometries\"");
            }
            out.append("GEOMETRYCOLLECTION");
            if (members.isEmpty()) {
                out.append(" EMPTY");
                return;
            }
            out.append('(');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) out.append(", ");
                geometry(members.get(i), out);
            }
            out.append(')');
            return;
        }
        int depth = switch (type) {
            case "Point" -> 0;
            case "MultiPoint", "LineString" -> 1;
            case "MultiLineString", "Polygon" -> 2;
            case "MultiPolygon" -> 3;
            default -> throw new IllegalArgumentException("\"" + type + "\" is not a GeoJSON geometry type (Point, MultiPoint,"
                    + " LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)");
        };
        JsonNode coordinates = g.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new IllegalArgumentException("a " + type + " without \"coordinates\"");
        }
        out.append(type.toUpperCase(java.util.Locale.ROOT));
        if (coordinates.isEmpty()) {
            out.append(" EMPTY");
            return;
        }
        if (depth == 0) {
            out.append('(');
            position(coordinates, type, out);
            out.append(')');
        } else {
            nested(coordinates, depth, type, out);
        }
    }

    /** {@code depth} levels of arrays around positions, each level in parentheses. */
    private static void nested(JsonNode array, int depth, String type, StringBuilder out) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException("a " + type + " with an empty or malformed list of coordinates");
        }
        out.append('(');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) out.append(", ");
            if (depth == 1) {
                position(array.get(i), type, out);
            } else {
                nested(array.get(i), depth - 1, type, out);
            }
        }
        out.append(')');
    }

    private static void position(JsonNode p, String type, StringBuilder out) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a " + type + " with a position that is not [longitude, latitude]: " + p);
        }
        out.append(p.get(0).decimalValue().toPlainString()).append(' ').append(p.get(1).decimalValue().toPlainString());
    }
}
