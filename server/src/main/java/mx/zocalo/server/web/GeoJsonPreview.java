package mx.zocalo.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first features of a GeoJSON file as a table, for the dataset page's preview: a column per property (in the order
 * they first appear) and one for the geometry's type. Streamed: only the features shown are read into memory.
 */
final class GeoJsonPreview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonPreview() {}

    /** The header and the rows (as text) of the first {@code max} features; none when the file is not a FeatureCollection. */
    static DatasetPreview.Table read(Path file, int max) {
        List<JsonNode> features = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("features") && value == JsonToken.START_ARRAY) {
                    while (features.size() < max && p.nextToken() == JsonToken.START_OBJECT) {
                        features.add(p.readValueAsTree());
                    }
                    break;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (features.isEmpty()) return null;
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode f : features) {
            f.path("properties").fieldNames().forEachRemaining(keys::add);
        }
        List<String> header = new ArrayList<>(keys);
        header.add("geometry");
        List<DatasetPreview.Row> rows = new ArrayList<>();
        for (JsonNode f : features) {
            List<String> cells = new ArrayList<>();
            for (String k : keys) {
                JsonNode v = f.path("properties").path(k);
                cells.add(v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
            }
            JsonNode g = f.path("geometry");
            cells.add(g.isObject() ? g.path("type").asText() : "");
            rows.add(new DatasetPreview.Row(null, null, cells));
        }
        return new DatasetPreview.Table(header, rows, false);
    }
}
