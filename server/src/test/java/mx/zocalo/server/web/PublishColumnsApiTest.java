package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.publish.Upload;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code source.columns} through {@code POST /api/datasets}: a chosen datatype and es/en labels, end to end. */
class PublishColumnsApiTest {
    static final Path POPULATION = Path.of("/work/shared/data/population-states/conapo_pob_ent_gender_1950_2070.csv");
    static final String SLUG = "poblacion";

    @TempDir
    Path data;
    PublishClient portal;

    @BeforeEach
    void start() {
        portal = new PublishClient(data, Upload.Limits.defaults().withMaxBytes(8L << 20).withPerHour(100));
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    static String metadata(String columns) {
        return "slug: " + SLUG + "\ntitle: {es: Población por entidad}\nlicense: https://datos.gob.mx/libreusomx\n"
                + "source:\n  columns:\n" + columns;
    }

    List<QuerySolution> select(String query) throws Exception {
        HttpResponse<String> r = portal.get("/sparql?query=" + TestPortal.enc(query), "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON);
        List<QuerySolution> out = new ArrayList<>();
        rs.forEachRemaining(out::add);
        return out;
    }

    static List<String> rawColumn(String header) throws Exception {
        List<String> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(POPULATION, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) out.add(r.get(header));
        }
        return out;
    }

    @Test
    void a_chosen_type_and_labels_reach_the_store_the_csvw_the_yaml_and_the_explorer() throws Exception {
        HttpResponse<String> created = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("    pob_start_year: {type: string, label: {es: Población al inicio, en: Population at start}}\n"))
                .file("file", POPULATION));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String p = TestPortal.BASE + "def/" + SLUG + "#pob_start_year";
        List<QuerySolution> values = new ArrayList<>();
        for (int page = 0; values.size() == page * 5000; page++) { // the endpoint answers at most 10,000 rows
            values.addAll(select("SELECT ?s ?o (DATATYPE(?o) AS ?dt) WHERE { GRAPH <" + TestPortal.BASE + "graph/" + SLUG
                    + "> { ?s <" + p + "> ?o } } ORDER BY ?s LIMIT 5000 OFFSET " + page * 5000));
        }
        List<String> raw = rawColumn("pob_start_year");
        assertThat(values).hasSize(raw.size());
        assertThat(values).allMatch(q -> q.getResource("dt").getURI().equals("http://www.w3.org/2001/XMLSchema#string"));
        assertThat(values.stream().map(q -> q.getLiteral("o").getLexicalForm()).sorted().toList())
                .isEqualTo(raw.stream().sorted().toList());
        List<String> labels = select("SELECT ?l WHERE { GRAPH ?g { <" + p + "> <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
                .stream().map(q -> q.getLiteral("l").getLexicalForm() + "@" + q.getLiteral("l").getLanguage()).toList();
        assertThat(labels).containsExactlyInAnyOrder("Población al inicio@es", "Population at start@en");

        HttpResponse<String> csvw = portal.get("/download/" + SLUG + ".csv-metadata.json", "application/csvm+json");
        assertThat(csvw.statusCode()).isEqualTo(200);
        JsonNode col = null;
        for (JsonNode c : PublishApiTest.JSON.readTree(csvw.body()).path("tableSchema").path("columns")) {
            if (c.path("name").asText().equals("pob_start_year")) col = c;
        }
        assertThat(col).isNotNull();
        assertThat(col.path("titles").path("en").asText()).isEqualTo("Population at start");
        assertThat(col.path("titles").path("es").get(0).asText()).isEqualTo("Población al inicio");

        assertThat(Files.readString(data.resolve("sources/" + SLUG + "/dataset.yaml"))).contains("columns:").contains("Población al inicio");
        assertThat(portal.get("/dataset/" + SLUG + "/explore", "text/html").body()).contains("Población al inicio");
    }

    @Test
    void an_unknown_type_a_missing_column_and_a_value_that_does_not_fit_are_refused_with_their_field() throws Exception {
        HttpResponse<String> unknown = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("    genero: {type: colour}\n")).file("file", POPULATION));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("source.columns.genero.type: unknown type 'colour', use one of integer");

        HttpResponse<String> missing = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("    sexo: {type: string}\n")).file("file", POPULATION));
        assertThat(missing.statusCode()).isBetween(400, 499);
        assertThat(missing.body()).contains("no column \\\"sexo\\\"");

        List<String> raw = rawColumn("genero");
        HttpResponse<String> misfit = portal.send("POST", "/api/datasets", portal.editor, new PublishClient.Body()
                .field("metadata", metadata("    genero: {type: integer}\n")).file("file", POPULATION));
        assertThat(misfit.statusCode()).isBetween(400, 499);
        assertThat(misfit.body()).contains("cannot be integer: row 1 has \\\"" + raw.get(0) + "\\\"");
        assertThat(Files.exists(data.resolve("sources/" + SLUG))).isFalse();
    }
}
