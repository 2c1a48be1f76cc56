package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.VersionRecord;
import mx.zocalo.server.catalog.VersionRecord.Version;
import mx.zocalo.server.publish.Change;
import mx.zocalo.server.publish.Unpublisher;
import mx.zocalo.server.publish.Versions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions of a real dataset (the CONAPO population projections of mappings/poblacion-estatal), published three times
 * from copies of its CSV changed with Commons CSV: numbers, notes, the row difference (checked against a comparison
 * of the CSVs themselves), downloads of old versions, retention, a failed publish, the catalog (DCAT-AP 3.0.1 SHACL)
 * and the version IRIs.
 */
class DatasetVersionsTest {
    static final Path MAPPING = Path.of("../mappings/poblacion-estatal");
    static final String SLUG = "poblacion-estatal";
    static final String CSV = "conapo_pob_ent_gender_1950_2070.csv";
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
    static final Node VERSION = NodeFactory.createURI(DCAT.NS + "version");
    static final Node NOTES = NodeFactory.createURI("http://www.w3.org/ns/adms#versionNotes");

    @TempDir
    Path data;
    @TempDir
    Path work;
    TestPortal portal;
    Path source;

    @BeforeEach
    void open() throws IOException {
        portal = new TestPortal(data);
        source = work.resolve(SLUG);
        Files.createDirectories(source);
        try (Stream<Path> s = Files.list(MAPPING)) {
            for (Path p : s.toList()) Files.copy(p, source.resolve(p.getFileName()));
        }
    }

    @AfterEach
    void close() {
        portal.close();
    }

    /** The rows of a CSV of this dataset by their identifier (state, year, sex), each with all its values. */
    static Map<String, List<String>> rows(Path csv) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord rec : FORMAT.parse(r)) {
                out.put(rec.get("cve_ent") + "/" + rec.get("n_year") + "/" + rec.get("genero"), rec.toList());
            }
        }
        return out;
    }

    /** Rewrites the source CSV: rows kept by {@code keep}, changed by {@code change}, then {@code extra} appended. */
    void rewrite(Predicate<CSVRecord> keep, UnaryOperator<List<String>> change, List<List<String>> extra) throws IOException {
        Path csv = source.resolve(CSV);
        List<String> header;
        List<List<String>> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            var parser = FORMAT.parse(r);
            header = parser.getHeaderNames();
            for (CSVRecord rec : parser) {
                if (keep.test(rec)) out.add(change.apply(new ArrayList<>(rec.toList())));
            }
        }
        out.addAll(extra);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecord(header);
            for (List<String> row : out) p.printRecord(row);
        }
    }

    /** Added, removed, changed from {@code a} to {@code b}, by identifier. */
    static long[] diff(Map<String, List<String>> a, Map<String, List<String>> b) {
        long added = b.keySet().stream().filter(k -> !a.containsKey(k)).count();
        long removed = a.keySet().stream().filter(k -> !b.containsKey(k)).count();
        long changed = a.keySet().stream().filter(k -> b.containsKey(k) && !a.get(k).equals(b.get(k))).count();
        return new long[] {added, removed, changed};
    }

    Graph catalog() throws Exception {
        return WithdrawnDatasetTest.parse(portal.get("/catalog?pageSize=1000", "text/turtle").body(), Lang.TURTLE);
    }

    /** Every file under the data directory's files/ and versions/, with its bytes. */
    Map<String, byte[]> files() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (Path root : List.of(portal.store.filesDirectory(), Versions.root(portal.store))) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) out.put(data.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    List<Quad> quads() {
        return portal.store.read(dsg -> {
            List<Quad> q = new ArrayList<>();
            dsg.find().forEachRemaining(q::add);
            return q;
        });
    }

    @Test
    void three_versions_their_difference_downloads_retention_a_failed_publish_and_the_catalog() throws Exception {
        Map<String, List<String>> v1 = rows(source.resolve(CSV));
        portal.publisher.publish(source, false, new Change("ana@example.org", "Primera carga"));

        // v2: the projections of 2071 added (copies of 2070's rows)
        List<List<String>> more = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(source.resolve(CSV), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : FORMAT.parse(r)) {
                if (rec.get("n_year").equals("2070")) {
                    List<String> row = new ArrayList<>(rec.toList());
                    row.set(0, "2071");
                    more.add(row);
                }
            }
        }
        rewrite(rec -> true, UnaryOperator.identity(), more);
        Map<String, List<String>> v2 = rows(source.resolve(CSV));
        byte[] second2 = Files.readAllBytes(source.resolve(CSV));
        portal.publisher.publish(source, false, new Change("ana@example.org", "Se añade 2071"));

        // v3: 1950 removed, the mid-year population of 2000 corrected; only two versions kept from now on
        rewrite(rec -> !rec.get("n_year").equals("1950"), row -> {
            if (row.get(0).equals("2000")) row.set(5, Long.toString(Long.parseLong(row.get(5)) + 1));
            return row;
        }, List.of());
        Map<String, List<String>> v3 = rows(source.resolve(CSV));
        portal.publisher.keepVersions(2).publish(source, false, new Change("beto@example.org", "Sin 1950; <b>corrección</b> de 2000"));

        List<Version> history = new Versions(portal.store, 2).history(SLUG);
        assertThat(history).extracting(Version::number).containsExactly(1, 2, 3);
        assertThat(history).extracting(Version::note).containsExactly("Primera carga", "Se añade 2071", "Sin 1950; <b>corrección</b> de 2000");
        assertThat(history).extracting(Version::by).containsExactly("ana@example.org", "ana@example.org", "beto@example.org");
        assertThat(history).extracting(Version::kept).containsExactly(false, true, true);
        long[] d2 = diff(v1, v2);
        long[] d3 = diff(v2, v3);
        assertThat(d2[0]).isPositive();
        assertThat(d3[1]).isPositive();
        assertThat(d3[2]).isPositive();
        assertThat(new long[] {history.get(1).added(), history.get(1).removed(), history.get(1).changed()}).isEqualTo(d2);
        assertThat(new long[] {history.get(2).added(), history.get(2).removed(), history.get(2).changed()}).isEqualTo(d3);
        long states;
        try (Reader r = Files.newBufferedReader(source.resolve("estados.csv"), StandardCharsets.UTF_8)) {
            states = FORMAT.parse(r).stream().count();
        }
        assertThat(history.get(2).rows()).as("rows read from both tables of the mapping").isEqualTo(v3.size() + states);

        // the catalog: the dataset's current version, every version described, valid DCAT-AP 3.0.1
        Graph catalog = catalog();
        Node ds = portal.iris.dataset(SLUG);
        Node third = VersionRecord.version(portal.iris, SLUG, 3);
        Node second = VersionRecord.version(portal.iris, SLUG, 2);
        Node firstV = VersionRecord.version(portal.iris, SLUG, 1);
        assertThat(catalog.contains(ds, VERSION, NodeFactory.createLiteralString("3"))).isTrue();
        assertThat(catalog.contains(ds, NOTES, NodeFactory.createLiteralLang("Sin 1950; <b>corrección</b> de 2000", "es"))).isTrue();
        assertThat(catalog.contains(ds, DCTerms.hasVersion.asNode(), firstV)).isTrue();
        assertThat(catalog.contains(third, NodeFactory.createURI(DCAT.NS + "previousVersion"), second)).isTrue();
        assertThat(catalog.contains(third, portal.iris.term("rowsRemoved"), integer(d3[1]))).isTrue();
        assertThat(catalog.contains(third, portal.iris.term("rowsChanged"), integer(d3[2]))).isTrue();
        assertThat(catalog.contains(second, portal.iris.term("rowsAdded"), integer(d2[0]))).isTrue();
        assertThat(catalog.find(firstV, DCAT.distribution.asNode(), Node.ANY).hasNext()).as("v1 is no longer kept").isFalse();
        assertThat(catalog.contains(firstV, DCTerms.description.asNode(), Node.ANY)).isTrue();
        assertThat(catalog.find(firstV, DCTerms.description.asNode(), Node.ANY).toList().toString()).contains("no longer kept");
        assertThat(catalog.find(second, DCAT.distribution.asNode(), Node.ANY).toList()).hasSizeGreaterThan(1);
        String everything = portal.get("/catalog?pageSize=1000", "text/turtle").body();
        assertThat(everything).doesNotContain("ana@example.org").doesNotContain("beto@example.org");
        assertThat(WithdrawnDatasetTest.parse(portal.get("/catalog?pageSize=1000", "text/turtle").body(), Lang.TURTLE)
                .contains(portal.iris.catalog(), DCAT.dataset.asNode(), second)).as("versions are not listed as datasets").isFalse();
        assertThat(DcatApShapes.summary(DcatApShapes.mandatory(catalog))).isEmpty();

        // downloads: v2 kept, byte-identical to what was published then; v1 gone (410 saying so); v9 never was (404)
        HttpResponse<byte[]> csv2 = portal.bytes("/download/" + SLUG + "/v2/" + SLUG + ".csv");
        assertThat(csv2.statusCode()).isEqualTo(200);
        assertThat(csv2.body()).isEqualTo(second2);
        assertThat(csv2.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String etag = csv2.headers().firstValue("ETag").orElseThrow();
        HttpResponse<Void> again = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/download/" + SLUG + "/v2/" + SLUG + ".csv")))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(again.statusCode()).isEqualTo(304);
        HttpResponse<byte[]> part = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/download/" + SLUG + "/v2/" + SLUG + ".csv")))
                .header("Range", "bytes=0-9").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOf(csv2.body(), 10));
        HttpResponse<String> ttl2 = portal.get("/download/" + SLUG + "/v2/" + SLUG + ".ttl", null);
        assertThat(ttl2.statusCode()).isEqualTo(200);
        assertThat(ttl2.body()).contains("\"2071\"^^", "\"1950\"^^");
        assertThat(portal.get("/download/" + SLUG + "/v3/" + SLUG + ".ttl", null).body()).doesNotContain("\"1950\"^^").contains("\"2071\"^^");
        HttpResponse<String> gone = portal.get("/download/" + SLUG + "/v1/" + SLUG + ".csv", "text/plain");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("no longer kept");
        assertThat(portal.get("/download/" + SLUG + "/v9/" + SLUG + ".csv", "text/plain").statusCode()).isEqualTo(404);
        assertThat(portal.get("/download/" + SLUG + "/v2/../../files/" + SLUG + ".csv", "text/plain").statusCode()).isEqualTo(404);

        // the version IRIs dereference
        HttpResponse<String> turtle = portal.get("/dataset/" + SLUG + "/v2", "text/turtle");
        assertThat(turtle.statusCode()).isEqualTo(200);
        Graph v2g = WithdrawnDatasetTest.parse(turtle.body(), Lang.TURTLE);
        assertThat(v2g.contains(second, VERSION, NodeFactory.createLiteralString("2"))).isTrue();
        assertThat(v2g.contains(second, DCTerms.isVersionOf.asNode(), ds)).isTrue();
        HttpResponse<String> html = portal.get("/dataset/" + SLUG + "/v2", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Se añade 2071");

        // the dataset page's history, newest first, with the note escaped
        String page = portal.get("/dataset/" + SLUG, "text/html", "es").body();
        assertThat(page).contains("Historial", "Sin 1950; &lt;b&gt;corrección&lt;/b&gt; de 2000", "Se añade 2071", "Primera carga")
                .doesNotContain("<b>corrección</b>").doesNotContain("ana@example.org");
        assertThat(page.indexOf("Se añade 2071")).isGreaterThan(page.indexOf("Sin 1950"));
        assertThat(page).contains("href=\"/download/" + SLUG + "/v2/" + SLUG + ".csv\"");
        assertThat(portal.get("/dataset/" + SLUG, "text/html", "en").body()).contains("History", "+" + d2[0]);

        // a fourth publish failing inside its write transaction (a view naming a column the table lacks) leaves
        // versions, files and store as they were
        Map<String, byte[]> filesBefore = files();
        List<Quad> quadsBefore = quads();
        rewrite(rec -> !rec.get("n_year").equals("1951"), UnaryOperator.identity(), List.of());
        Files.writeString(source.resolve("dataset.yaml"), Files.readString(source.resolve("dataset.yaml"))
                + "\nviews:\n  - id: roto\n    title: {es: \"Roto\", en: \"Broken\"}\n    description: {es: \"Roto\", en: \"Broken\"}\n    chart: bar\n    explore: \"group=no_hay&agg=count\"\n");
        assertThatThrownBy(() -> portal.publisher.publish(source, false, new Change("ana@example.org", "rota"))).hasMessageContaining("no_hay");
        assertThat(files().keySet()).isEqualTo(filesBefore.keySet());
        Map<String, byte[]> filesAfter = files();
        filesBefore.forEach((k, v) -> assertThat(filesAfter.get(k)).as(k).isEqualTo(v));
        assertThat(quads()).containsExactlyInAnyOrderElementsOf(quadsBefore);
        assertThat(new Versions(portal.store, 2).history(SLUG)).hasSize(3);
    }

    @Test
    void the_first_original_downloads_byte_identical_and_unpublishing_deletes_the_kept_versions() throws Exception {
        byte[] first = Files.readAllBytes(source.resolve(CSV));
        portal.publisher.publish(source, false, new Change(null, "uno"));
        rewrite(rec -> !rec.get("cve_ent").equals("01"), UnaryOperator.identity(), List.of());
        portal.publisher.publish(source, false, new Change(null, "dos"));
        HttpResponse<byte[]> v1 = portal.bytes("/download/" + SLUG + "/v1/" + SLUG + ".csv");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.body()).isEqualTo(first);
        assertThat(portal.bytes("/download/" + SLUG + ".csv").body()).isEqualTo(Files.readAllBytes(source.resolve(CSV)));
        assertThat(Versions.root(portal.store).resolve(SLUG).resolve("1")).isDirectory();

        new Unpublisher(portal.store, portal.iris).unpublish(SLUG);
        assertThat(Versions.root(portal.store).resolve(SLUG).resolve("1")).doesNotExist();
        assertThat(portal.bytes("/download/" + SLUG + "/v1/" + SLUG + ".csv").statusCode()).isEqualTo(410);
        assertThat(portal.get("/dataset/" + SLUG + "/v1", "text/turtle").statusCode()).isEqualTo(410);
        assertThat(DcatApShapes.summary(DcatApShapes.mandatory(catalog()))).isEmpty();

        // published again: the numbers go on
        portal.publisher.publish(source, true, new Change(null, "tres"));
        assertThat(new Versions(portal.store, 5).history(SLUG)).extracting(Version::number).containsExactly(1, 2, 3);
        assertThat(catalog().contains(portal.iris.dataset(SLUG), VERSION, NodeFactory.createLiteralString("3"))).isTrue();
        assertThat(portal.bytes("/download/" + SLUG + "/v3/" + SLUG + ".csv").statusCode()).isEqualTo(200);
    }

    static Map<String, List<String>> rowsOf(byte[] csv) throws IOException {
        Path tmp = Files.createTempFile("v", ".csv");
        try {
            Files.write(tmp, csv);
            return rows(tmp);
        } finally {
            Files.delete(tmp);
        }
    }

    static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
    }
}
