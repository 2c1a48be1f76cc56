package mx.zocalo.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zócalo's functions in whole RML mappings over the real files: the census's degrees-minutes-seconds as WGS84 decimals
 * and WKT points, codes padded with zeros, the states' GeoJSON geometries as WKT.
 */
class GeoMappingTest {
    static final String WGS84 = "http://www.w3.org/2003/01/geo/wgs84_pos#";
    static final String GEO = "http://www.opengis.net/ont/geosparql#";
    private static final String PREFIXES = """
            @prefix rml: <http://w3id.org/rml/> .
            @prefix zf: <https://w3id.org/zocalo/function#> .
            @prefix grel: <http://users.ugent.be/~bjdmeest/function/grel.ttl#> .
            @prefix idlab-fn: <https://w3id.org/imec/idlab/function#> .
            @prefix wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix ex: <http://example.com/> .
            @base <http://example.com/> .
            """;
    private static final String CENSUS = """
            <#Localidad> rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ;
                    rml:path "conjunto_de_datos_iter_19CSV20.csv" ] ; rml:referenceFormulation rml:CSV ] ;
                rml:subjectMap [ rml:template "loc/{ENTIDAD}-{MUN}-{LOC}" ] ;
                rml:predicateObjectMap
                  [ rml:predicate wgs84:lat ; rml:objectMap [ rml:functionExecution [ rml:function zf:latitude ;
                      rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:reference "LATITUD" ] ] ] ] ],
                  [ rml:predicate wgs84:long ; rml:objectMap [ rml:functionExecution [ rml:function zf:longitude ;
                      rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:reference "LONGITUD" ] ] ] ] ],
                  [ rml:predicate ex:lonDms ; rml:objectMap [ rml:functionExecution [ rml:function zf:dmsToDecimal ;
                      rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:reference "LONGITUD" ] ] ] ] ],
                  [ rml:predicate ex:municipio ; rml:objectMap [ rml:template "mun/{ENTIDAD}{MUN3}" ] ],
                  [ rml:predicate geo:hasGeometry ; rml:objectMap [ rml:template "loc/{ENTIDAD}-{MUN}-{LOC}/geometry" ;
                      rml:condition [ rml:functionExecution [ rml:function grel:boolean_not ;
                        rml:input [ rml:parameter grel:bool_b ; rml:inputValueMap [ rml:functionExecution [
                          rml:function idlab-fn:isNull ;
                          rml:input [ rml:parameter idlab-fn:_str ; rml:inputValueMap [ rml:reference "LATITUD" ] ] ] ] ] ] ] ] ] .
            <#Geometria> rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ;
                    rml:path "conjunto_de_datos_iter_19CSV20.csv" ] ; rml:referenceFormulation rml:CSV ] ;
                rml:subjectMap [ rml:template "loc/{ENTIDAD}-{MUN}-{LOC}/geometry" ] ;
                rml:predicateObjectMap [ rml:predicate geo:asWKT ; rml:objectMap [ rml:functionExecution [ rml:function zf:wktPoint ;
                    rml:input [ rml:parameter zf:longitudeParam ; rml:inputValueMap [ rml:reference "LONGITUD" ] ] ,
                              [ rml:parameter zf:latitudeParam ; rml:inputValueMap [ rml:reference "LATITUD" ] ] ] ] ] .
            """;

    @TempDir
    Path dir;

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private DatasetGraph convert(String mapping, List<ConversionException> errors) throws IOException {
        Path file = dir.resolve("mapping.ttl");
        Files.writeString(file, PREFIXES + mapping);
        DatasetGraph produced = DatasetGraphFactory.createTxnMem();
        Conversion.Builder b = Conversion.builder().mapping(file);
        if (errors != null) b.rowErrors(errors::add);
        b.build().run(StreamRDFLib.dataset(produced));
        return produced;
    }

    private static Node object(DatasetGraph g, String subject, String predicate) {
        List<Quad> found = new ArrayList<>();
        g.find(Node.ANY, uri(subject), uri(predicate), Node.ANY).forEachRemaining(found::add);
        assertThat(found).as(subject + " " + predicate).hasSize(1);
        return found.get(0).getObject();
    }

    @Test
    void given_the_census_file_when_mapped_with_the_coordinate_functions_then_every_locality_with_coordinates_has_a_point() throws IOException {
        Files.copy(TestData.file("conjunto_de_datos_iter_19CSV20.csv"), dir.resolve("conjunto_de_datos_iter_19CSV20.csv"));
        DatasetGraph g = convert(CENSUS.replace("{MUN3}", "{MUN}"), null);

        Node lat = object(g, "http://example.com/loc/19-39-1", WGS84 + "lat");
        Node lon = object(g, "http://example.com/loc/19-39-1", WGS84 + "long");
        assertThat(lat.getLiteralDatatypeURI()).isEqualTo("http://www.w3.org/2001/XMLSchema#decimal");
        assertThat(Double.parseDouble(lat.getLiteralLexicalForm())).isCloseTo(25 + 39 / 60.0 + 52.910 / 3600, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(Double.parseDouble(lon.getLiteralLexicalForm())).isCloseTo(-(100 + 18 / 60.0 + 39.210 / 3600), org.assertj.core.data.Offset.offset(1e-8));
        assertThat(object(g, "http://example.com/loc/19-39-1", "http://example.com/lonDms")).isEqualTo(lon);
        assertThat(object(g, "http://example.com/loc/19-39-1", GEO + "hasGeometry")).isEqualTo(uri("http://example.com/loc/19-39-1/geometry"));
        Node wkt = object(g, "http://example.com/loc/19-39-1/geometry", GEO + "asWKT");
        assertThat(wkt.getLiteralDatatypeURI()).isEqualTo(GEO + "wktLiteral");
        assertThat(wkt.getLiteralLexicalForm()).isEqualTo("POINT(" + lon.getLiteralLexicalForm() + " " + lat.getLiteralLexicalForm() + ")");

        // every row with both coordinates in the file (counted here from the CSV itself), and only those
        long withCoordinates = Files.readAllLines(dir.resolve("conjunto_de_datos_iter_19CSV20.csv"), StandardCharsets.UTF_8).stream()
                .skip(1).filter(line -> line.contains("\" N\"") && line.contains("\" W\"")).count();
        assertThat(g.stream(Node.ANY, Node.ANY, uri(GEO + "asWKT"), Node.ANY).count()).isEqualTo(withCoordinates);
        assertThat(g.stream(Node.ANY, Node.ANY, uri(GEO + "hasGeometry"), Node.ANY).count()).isEqualTo(withCoordinates);
        assertThat(g.stream(Node.ANY, Node.ANY, uri(WGS84 + "lat"), Node.ANY).count()).isEqualTo(withCoordinates);
        assertThat(g.contains(Node.ANY, uri("http://example.com/loc/19-0-0"), uri(GEO + "hasGeometry"), Node.ANY))
                .as("the state's total row has no coordinates").isFalse();
    }

    @Test
    void given_a_census_row_with_a_latitude_out_of_range_when_mapped_then_a_row_error_names_file_row_column_and_value() throws IOException {
        List<String> lines = Files.readAllLines(TestData.file("conjunto_de_datos_iter_19CSV20.csv"), StandardCharsets.UTF_8);
        List<String> some = new ArrayList<>(lines.subList(0, 6));
        int bad = -1;
        for (int i = 1; i < some.size(); i++) {
            if (bad < 0 && some.get(i).contains("\" N\"")) {
                some.set(i, some.get(i).replaceFirst("\"\\d+°(?=[^,]*N\")", "\"95°"));
                bad = i;
            }
        }
        assertThat(bad).as("a row with coordinates among the first").isPositive();
        Files.write(dir.resolve("conjunto_de_datos_iter_19CSV20.csv"), some, StandardCharsets.UTF_8);
        List<ConversionException> errors = new ArrayList<>();
        DatasetGraph g = convert(CENSUS.replace("{MUN3}", "{MUN}"), errors);

        assertThat(errors).isNotEmpty();
        ConversionException e = errors.get(0);
        assertThat(e.file()).isEqualTo("conjunto_de_datos_iter_19CSV20.csv");
        assertThat(e.row()).isEqualTo(bad);
        assertThat(e.column()).isEqualTo("LATITUD");
        assertThat(e.getMessage()).contains("95°", "between -90 and 90", "row " + bad);
        assertThat(g.isEmpty()).isFalse();

        assertThatThrownBy(() -> convert(CENSUS.replace("{MUN3}", "{MUN}"), null)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("column \"LATITUD\"").hasMessageContaining("95°");
    }

    @Test
    void given_municipality_codes_without_leading_zeros_when_padded_then_the_five_digit_code() throws IOException {
        Files.copy(TestData.file("conjunto_de_datos_iter_19CSV20.csv"), dir.resolve("conjunto_de_datos_iter_19CSV20.csv"));
        String mapping = """
                <#Localidad> rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ;
                        rml:path "conjunto_de_datos_iter_19CSV20.csv" ] ; rml:referenceFormulation rml:CSV ] ;
                    rml:subjectMap [ rml:template "loc/{ENTIDAD}-{MUN}-{LOC}" ] ;
                    rml:predicateObjectMap [ rml:predicate ex:municipio ; rml:objectMap [ rml:termType rml:IRI ;
                        rml:functionExecution [ rml:function idlab-fn:concat ;
                          rml:input [ rml:parameter idlab-fn:_str ; rml:inputValueMap [ rml:constant "http://example.com/mun/" ] ] ,
                            [ rml:parameter idlab-fn:_otherStr ; rml:inputValueMap [ rml:functionExecution [ rml:function zf:padLeft ;
                              rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:template "{ENTIDAD}{MUN3}" ] ] ,
                                        [ rml:parameter zf:lengthParam ; rml:inputValueMap [ rml:constant "5" ] ] ] ] ] ] ] ] ,
                      [ rml:predicate ex:clave ; rml:objectMap [ rml:functionExecution [ rml:function zf:padLeft ;
                          rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:reference "MUN" ] ] ,
                                    [ rml:parameter zf:lengthParam ; rml:inputValueMap [ rml:constant "3" ] ] ] ] ] .
                """;
        DatasetGraph g = convert(mapping.replace("{MUN3}", "{MUN}"), null);
        assertThat(object(g, "http://example.com/loc/19-39-1", "http://example.com/clave").getLiteralLexicalForm()).isEqualTo("039");
        assertThat(object(g, "http://example.com/loc/19-6-1", "http://example.com/clave").getLiteralLexicalForm()).isEqualTo("006");
    }

    @Test
    void given_the_states_geojson_when_a_geometry_object_is_given_to_geojsonToWkt_then_each_state_has_its_wkt() throws IOException {
        Files.copy(TestData.file("mexico_estados.geojson"), dir.resolve("mexico_estados.geojson"), StandardCopyOption.REPLACE_EXISTING);
        String mapping = """
                <#Estado> rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ;
                        rml:path "mexico_estados.geojson" ] ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$.features[*]" ] ;
                    rml:subjectMap [ rml:template "estado/{$.properties.cve_geo}" ] ;
                    rml:predicateObjectMap [ rml:predicate geo:asWKT ; rml:objectMap [ rml:functionExecution [
                        rml:function zf:geojsonToWkt ;
                        rml:input [ rml:parameter zf:valueParam ; rml:inputValueMap [ rml:reference "$.geometry" ] ] ] ] ] .
                """;
        DatasetGraph g = convert(mapping, null);
        JsonNode states = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(Files.readString(dir.resolve("mexico_estados.geojson"))); // numbers as the file writes them
        assertThat(g.stream(Node.ANY, Node.ANY, uri(GEO + "asWKT"), Node.ANY).count()).isEqualTo(states.get("features").size());
        for (JsonNode f : states.get("features")) {
            Node wkt = object(g, "http://example.com/estado/" + f.get("properties").get("cve_geo").asText(), GEO + "asWKT");
            assertThat(wkt.getLiteralDatatypeURI()).isEqualTo(GEO + "wktLiteral");
            JsonNode first = f.get("geometry").get("type").asText().equals("Polygon")
                    ? f.get("geometry").get("coordinates").get(0).get(0) : f.get("geometry").get("coordinates").get(0).get(0).get(0);
            assertThat(wkt.getLiteralLexicalForm()).startsWith(f.get("geometry").get("type").asText().toUpperCase())
                    .contains(first.get(0).decimalValue().toPlainString() + " " + first.get(1).decimalValue().toPlainString());
        }
    }
}
