package mx.zocalo.converter.auto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mx.zocalo.converter.TestData;
import mx.zocalo.converter.source.TableOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coordinates found by the automatic mapping: the census's degrees-minutes-seconds, decimal columns, bad values. */
class AutoPointsTest {
    static final String BASE = AutoMappingTest.BASE;
    static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    static final String GEO = "http://www.opengis.net/ont/geosparql#";
    private static final Node LAT = NodeFactory.createURI(WGS84 + "lat");
    private static final Node LONG = NodeFactory.createURI(WGS84 + "long");
    private static final Node HAS_GEOMETRY = NodeFactory.createURI(GEO + "hasGeometry");
    private static final Node AS_WKT = NodeFactory.createURI(GEO + "asWKT");

    @TempDir
    Path dir;

    /** The census's rows, read here with Commons CSV: (row number, LONGITUD, LATITUD). */
    private static List<String[]> censusCoordinates(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().build())) {
            long n = 0;
            for (CSVRecord r : p) {
                n++;
                out.add(new String[] {String.valueOf(n), r.get(6), r.get(7)});
            }
        }
        return out;
    }

    /** Degrees-minutes-seconds with a hemisphere letter, computed here with doubles. */
    private static double dms(String text) {
        String[] parts = text.replace("°", " ").replace("'", " ").replace("\"", " ").trim().split("\\s+");
        double v = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]) / 60 + Double.parseDouble(parts[2]) / 3600;
        return parts[3].equals("W") || parts[3].equals("S") ? -v : v;
    }

    private static Node one(Graph g, Node s, Node p) {
        List<Triple> found = g.find(s, p, Node.ANY).toList();
        assertThat(found).as("%s %s", s, p).hasSize(1);
        return found.get(0).getObject();
    }

    @Test
    void given_the_census_file_when_converted_without_a_mapping_then_each_locality_with_coordinates_has_a_wgs84_point_and_a_wkt_geometry() throws IOException {
        Path census = TestData.file("conjunto_de_datos_iter_19CSV20.csv");
        AutoMapping m = AutoMapping.infer(census, TableOptions.AUTO, BASE, "localidades", null);
        assertThat(m.pointColumns()).extracting(ColumnProfile::title).containsExactly("LATITUD", "LONGITUD");
        Graph g = AutoMappingTest.convert(m);

        List<String[]> rows = censusCoordinates(census);
        long withCoordinates = 0;
        for (String[] r : rows) {
            Node row = NodeFactory.createURI(BASE + "id/localidades/row/" + r[0]);
            if (r[1].isEmpty()) {
                assertThat(g.contains(row, HAS_GEOMETRY, Node.ANY)).isFalse();
                continue;
            }
            withCoordinates++;
            Node lat = one(g, row, LAT);
            Node lon = one(g, row, LONG);
            assertThat(lat.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#decimal");
            assertThat(Double.parseDouble(lat.getLiteralLexicalForm())).isCloseTo(dms(r[2]), org.assertj.core.data.Offset.offset(1e-8));
            assertThat(Double.parseDouble(lon.getLiteralLexicalForm())).isCloseTo(dms(r[1]), org.assertj.core.data.Offset.offset(1e-8));
            Node geometry = one(g, row, HAS_GEOMETRY);
            assertThat(geometry.getURI()).isEqualTo(row.getURI() + "/geometry");
            Node wkt = one(g, geometry, AS_WKT);
            assertThat(wkt.getLiteralDatatypeURI()).isEqualTo(GEO + "wktLiteral");
            assertThat(wkt.getLiteralLexicalForm()).isEqualTo("POINT(" + lon.getLiteralLexicalForm() + " " + lat.getLiteralLexicalForm() + ")");
        }
        assertThat(withCoordinates).isEqualTo(4_821);
        assertThat(g.find(Node.ANY, AS_WKT, Node.ANY).toList()).hasSize(4_821);
        // the columns keep their text as written
        assertThat(AutoMappingTest.objects(g, m, "LATITUD")).contains(NodeFactory.createLiteralString("25°39'52.910\" N"));

        StringWriter explanation = new StringWriter();
        m.explain(new PrintWriter(explanation));
        assertThat(explanation.toString()).contains("points:", "wgs84:lat", "geo:hasGeometry",
                "\"LATITUD\" and \"LONGITUD\" (degrees, minutes and seconds)");
        assertThat(m.layoutNotes()).isEmpty();
    }

    @Test
    void given_decimal_coordinates_under_each_kind_of_name_when_converted_then_points_and_without_a_latitude_none() throws IOException {
        List<String[]> rows = censusCoordinates(TestData.file("conjunto_de_datos_iter_19CSV20.csv"));
        for (String[] header : new String[][] {{"lat", "lng"}, {"latitude", "longitude"}, {"Latitud", "Longitud"}, {"y", "x"},
                {"coord_lat", "coord_lon"}}) {
            StringBuilder csv = new StringBuilder("clave," + header[0] + "," + header[1] + "\n");
            for (String[] r : rows) {
                if (!r[1].isEmpty()) {
                    csv.append(String.format(Locale.ROOT, "%s,%.6f,%.6f%n", r[0], dms(r[2]), dms(r[1])));
                }
            }
            Path f = dir.resolve(header[0] + ".csv");
            Files.writeString(f, csv);
            AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "puntos", null);
            assertThat(m.pointColumns()).as(String.join(",", header)).extracting(ColumnProfile::title).containsExactly(header);
            Graph g = AutoMappingTest.convert(m);
            assertThat(g.find(Node.ANY, AS_WKT, Node.ANY).toList()).hasSize(4_821);
            Node monterrey = NodeFactory.createURI(BASE + "id/puntos/" + rows.stream().filter(r -> r[2].equals("25°39'52.910\" N")).findFirst().orElseThrow()[0]);
            assertThat(one(g, one(g, monterrey, HAS_GEOMETRY), AS_WKT).getLiteralLexicalForm()).isEqualTo("POINT(-100.310892 25.664697)");
        }
        // "Longitud" in the census dictionary is the length of a field: no latitude beside it, no point
        AutoMapping dictionary = AutoMapping.infer(TestData.file("diccionario_datos_agebmza_urbana_cpv2020.csv"), TableOptions.AUTO, BASE, null, null);
        assertThat(dictionary.columns()).extracting(ColumnProfile::title).contains("Longitud");
        assertThat(dictionary.pointColumns()).isEmpty();
        // x and y that are not degrees (projected metres) are not coordinates
        Path metres = dir.resolve("metros.csv");
        Files.writeString(metres, "id,x,y\n1,2804211.5,1045873.2\n2,2804311.5,1045973.2\n");
        assertThat(AutoMapping.infer(metres, TableOptions.AUTO, BASE, null, null).pointColumns()).isEmpty();
    }

    @Test
    void given_a_census_latitude_out_of_range_when_converted_then_that_row_gets_no_point_and_a_note_names_file_row_column_and_value() throws IOException {
        List<String> lines = Files.readAllLines(TestData.file("conjunto_de_datos_iter_19CSV20.csv"), StandardCharsets.UTF_8);
        int bad = -1;
        for (int i = 1; i < lines.size() && bad < 0; i++) {
            if (lines.get(i).contains(",Monterrey,1,Monterrey,")) {
                lines.set(i, lines.get(i).replace("\"25°39'52.910\"\" N\"", "\"95°39'52.910\"\" N\""));
                bad = i;
            }
        }
        assertThat(bad).isPositive();
        Path f = dir.resolve("conjunto_de_datos_iter_19CSV20.csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        AutoMapping m = AutoMapping.infer(f, TableOptions.AUTO, BASE, "localidades", null);
        assertThat(m.layoutNotes()).hasSize(1);
        assertThat(m.layoutNotes().get(0)).contains("conjunto_de_datos_iter_19CSV20.csv", "column \"LATITUD\"",
                "row " + bad + " (line " + (bad + 1) + ")", "\"95°39'52.910\" N\"", "between -90 and 90", "no point");
        Graph g = AutoMappingTest.convert(m);
        Node row = NodeFactory.createURI(BASE + "id/localidades/row/" + bad);
        assertThat(g.contains(row, LAT, Node.ANY)).isFalse();
        assertThat(g.contains(row, HAS_GEOMETRY, Node.ANY)).isFalse();
        assertThat(g.find(Node.ANY, AS_WKT, Node.ANY).toList()).hasSize(4_820);
    }
}
