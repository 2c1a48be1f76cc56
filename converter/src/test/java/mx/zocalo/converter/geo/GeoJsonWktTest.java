package mx.zocalo.converter.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import mx.zocalo.converter.TestData;
import org.junit.jupiter.api.Test;

/** GeoJSON geometries as WKT: the states file's polygons and multipolygons, and the other types. */
class GeoJsonWktTest {

    @Test
    void given_the_states_file_when_each_geometry_is_written_as_wkt_then_its_type_and_every_position_are_kept() throws Exception {
        JsonNode states = new ObjectMapper().readTree(Files.readString(TestData.file("mexico_estados.geojson")));
        int multi = 0;
        java.util.regex.Pattern pair = java.util.regex.Pattern.compile("-?[0-9.]+ -?[0-9.]+");
        for (JsonNode feature : states.get("features")) {
            JsonNode g = feature.get("geometry");
            String wkt = GeoJsonWkt.wkt(g.toString());
            String type = g.get("type").asText();
            assertThat(wkt).startsWith(type.equals("Polygon") ? "POLYGON((" : "MULTIPOLYGON(((");
            assertThat(wkt.chars().filter(c -> c == '(').count()).isEqualTo(wkt.chars().filter(c -> c == ')').count());
            java.util.List<JsonNode> positions = new java.util.ArrayList<>();
            collect(g.get("coordinates"), positions);
            java.util.List<String> written = pair.matcher(wkt).results().map(java.util.regex.MatchResult::group).toList();
            assertThat(written).as(feature.get("properties").toString()).hasSize(positions.size());
            for (int i = 0; i < positions.size(); i += 97) {
                JsonNode p = positions.get(i);
                assertThat(Double.parseDouble(written.get(i).split(" ")[0])).isEqualTo(p.get(0).asDouble());
                assertThat(Double.parseDouble(written.get(i).split(" ")[1])).isEqualTo(p.get(1).asDouble());
            }
            if (type.equals("MultiPolygon")) multi++;
        }
        assertThat(multi).as("states drawn as several polygons (islands)").isPositive();
    }

    /** The positions (arrays of numbers) under a coordinates array, in order. */
    private static void collect(JsonNode array, java.util.List<JsonNode> out) {
        if (array.size() > 0 && array.get(0).isNumber()) {
            out.add(array);
            return;
        }
        for (JsonNode child : array) collect(child, out);
    }

    @Test
    void given_each_geometry_type_when_written_then_wkt_with_longitude_first() {
        assertThat(GeoJsonWkt.wkt("{\"type\":\"Point\",\"coordinates\":[-100.31,25.66]}")).isEqualTo("POINT(-100.31 25.66)");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"Point\",\"coordinates\":[-100.31,25.66,530]}")).isEqualTo("POINT(-100.31 25.66)");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}")).isEqualTo("LINESTRING(1 2, 3 4)");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}"))
                .isEqualTo("POLYGON((0 0, 1 0, 1 1, 0 0))");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"))
                .isEqualTo("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}"))
                .isEqualTo("GEOMETRYCOLLECTION(POINT(1 2))");
        assertThat(GeoJsonWkt.wkt("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2]}}"))
                .isEqualTo("POINT(1.5 2)");
        assertThat(GeoJsonWkt.wkt("null")).isNull();
    }

    @Test
    void given_json_that_is_not_a_geometry_when_written_then_the_reason() {
        assertThatThrownBy(() -> GeoJsonWkt.wkt("{\"type\":\"Circle\",\"coordinates\":[1,2]}")).hasMessageContaining("\"Circle\" is not a GeoJSON geometry type");
        assertThatThrownBy(() -> GeoJsonWkt.wkt("{\"type\":\"Polygon\"}")).hasMessageContaining("without \"coordinates\"");
        assertThatThrownBy(() -> GeoJsonWkt.wkt("{\"type\":\"Point\",\"coordinates\":[\"a\",2]}")).hasMessageContaining("not [longitude, latitude]");
        assertThatThrownBy(() -> GeoJsonWkt.wkt("{nope")).hasMessageContaining("not JSON");
    }
}
