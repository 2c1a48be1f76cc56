package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.publish.DownloadJobs;
import mx.zocalo.server.publish.Versions;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RDF downloads written after the publish ({@link DownloadJobs}), on a real portal (TDB2 in a temporary folder,
 * the server on a free port) with the fixture dataset: while they are being prepared the dataset page says so (es/en),
 * their URLs answer 503 with Retry-After, N-Quads is streamed anyway and the catalog passes DCAT-AP 3 SHACL; once ready
 * the page links them, the catalog's size and checksum are the file's, ETag and Range work; a portal stopped before its
 * downloads were written gets them at the next start; a republish waits, so the previous version keeps its downloads.
 */
class BackgroundDownloadsTest {
    static final String SLUG = "pagos-prueba";
    static final Node CHECKSUM_VALUE = NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue");

    @TempDir
    Path data;

    @Test
    void beingPreparedThenReady() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            DownloadJobs jobs = DownloadJobs.of(portal.store).background(true);
            jobs.pause();
            portal.publisher.publish(TestPortal.FIXTURE, false);
            assertThat(jobs.pending(SLUG)).isTrue();

            String es = portal.get("/dataset/" + SLUG, "text/html", "es").body();
            String en = portal.get("/dataset/" + SLUG, "text/html", "en").body();
            assertThat(es).contains("en preparación").doesNotContain("href=\"/download/" + SLUG + ".ttl\"");
            assertThat(en).contains("being prepared").doesNotContain("href=\"/download/" + SLUG + ".jsonld\"");
            assertThat(es).contains("href=\"/download/" + SLUG + ".csv\""); // the original file is there at once

            HttpResponse<String> notYet = portal.get("/download/" + SLUG + ".ttl", "text/turtle", "en");
            assertThat(notYet.statusCode()).isEqualTo(503);
            assertThat(notYet.headers().firstValue("Retry-After")).isPresent();
            assertThat(notYet.body()).contains("being prepared");
            HttpResponse<String> json = portal.get("/download/" + SLUG + ".rdf", "application/json", "es");
            assertThat(json.statusCode()).isEqualTo(503);
            assertThat(json.headers().firstValue("Content-Type").orElse("")).contains("json");
            assertThat(json.body()).contains("se está preparando").contains(SLUG + ".rdf");
            HttpResponse<String> nq = portal.get("/download/" + SLUG + ".nq", null);
            assertThat(nq.statusCode()).as("N-Quads is streamed from the store").isEqualTo(200);
            long triples = portal.store.read(dsg -> dsg.getGraph(portal.iris.datasetGraph(SLUG)).size());
            assertThat(nq.body().lines().count()).isEqualTo(triples);
            assertThat(DcatApShapes.summary(DcatApShapes.mandatory(catalog(portal)))).isEmpty();

            jobs.resume();
            jobs.await(SLUG);
            assertThat(jobs.pending(SLUG)).isFalse();
            assertReady(portal, triples);
            String after = portal.get("/dataset/" + SLUG, "text/html", "es").body();
            assertThat(after).doesNotContain("en preparación").contains("href=\"/download/" + SLUG + ".ttl\"");
        }
    }

    @Test
    void aStopBeforeTheDownloadsIsMadeGoodAtTheNextStart() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            DownloadJobs jobs = DownloadJobs.of(portal.store).background(true);
            jobs.pause();
            portal.publisher.publish(TestPortal.FIXTURE, false);
            jobs.stop(); // as a process killed after the commit: the job never writes anything
            jobs.resume();
            jobs.await(SLUG);
        }
        assertThat(Files.exists(data.resolve("files").resolve(SLUG).resolve("rdf").resolve(SLUG + ".ttl"))).isFalse();
        try (TestPortal portal = new TestPortal(data)) {
            assertThat(portal.get("/download/" + SLUG + ".nt", null).statusCode()).isEqualTo(503);
            DownloadJobs jobs = DownloadJobs.of(portal.store).background(true);
            assertThat(jobs.scheduleMissing(portal.iris)).containsExactly(SLUG); // what `serve` does at start
            jobs.await(SLUG);
            long triples = portal.store.read(dsg -> dsg.getGraph(portal.iris.datasetGraph(SLUG)).size());
            assertReady(portal, triples);
            assertThat(jobs.scheduleMissing(portal.iris)).isEmpty();
        }
    }

    @Test
    void aRepublishKeepsThePreviousVersionsDownloads() throws Exception {
        try (TestPortal portal = new TestPortal(data)) {
            DownloadJobs.of(portal.store).background(true);
            portal.publisher.publish(TestPortal.FIXTURE, false);
            portal.publisher.publish(TestPortal.FIXTURE, true); // waits for version 1's downloads first
            DownloadJobs.await(portal.store, SLUG);
            Path v1 = Versions.root(portal.store).resolve(SLUG).resolve("1").resolve("rdf");
            for (RdfDownload f : List.of(RdfDownload.NTRIPLES, RdfDownload.TURTLE, RdfDownload.JSONLD, RdfDownload.RDFXML)) {
                Path file = v1.resolve(SLUG + "." + f.ext());
                assertThat(file).exists();
                HttpResponse<byte[]> old = portal.bytes("/download/" + SLUG + "/v1/" + SLUG + "." + f.ext());
                assertThat(old.statusCode()).isEqualTo(200);
                assertThat(old.body()).isEqualTo(Files.readAllBytes(file));
                assertThat(old.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"" + sha256(old.body()) + "\"");
            }
            assertThat(DcatApShapes.summary(DcatApShapes.mandatory(catalog(portal)))).isEmpty();
        }
    }

    /** Every RDF download served whole, with the catalog's size and checksum, ETag, 304 and a byte range; the page links it. */
    private static void assertReady(TestPortal portal, long triples) throws Exception {
        Graph catalog = catalog(portal);
        for (RdfDownload f : List.of(RdfDownload.NTRIPLES, RdfDownload.TURTLE, RdfDownload.JSONLD, RdfDownload.RDFXML)) {
            String path = "/download/" + SLUG + "." + f.ext();
            HttpResponse<byte[]> r = portal.bytes(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            Node dist = portal.iris.distribution(SLUG, f.ext());
            String size = catalog.find(dist, DCAT.byteSize.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm();
            assertThat(Long.parseLong(size)).isEqualTo(r.body().length);
            Node checksum = NodeFactory.createURI(dist.getURI() + "#checksum");
            String sha = catalog.find(checksum, CHECKSUM_VALUE, Node.ANY).next().getObject().getLiteralLexicalForm();
            assertThat(sha).isEqualTo(sha256(r.body()));
            assertThat(r.headers().firstValue("ETag")).contains("\"" + sha + "\"");
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), f.lang()).parse(g);
            assertThat(g.size()).as(path + " parses to the graph").isEqualTo(triples);
            HttpResponse<Void> cached = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                    .header("If-None-Match", "\"" + sha + "\"").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(cached.statusCode()).isEqualTo(304);
            HttpResponse<byte[]> part = portal.http.send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                    .header("Range", "bytes=5-14").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(r.body(), 5, 15));
        }
        assertThat(DcatApShapes.summary(DcatApShapes.mandatory(catalog))).isEmpty();
        assertThat(new Versions(portal.store, 5).history(SLUG).get(0).files()).containsKeys("nt", "ttl", "jsonld", "rdf");
    }

    static Graph catalog(TestPortal portal) throws Exception {
        return WithdrawnDatasetTest.parse(portal.get("/catalog?pageSize=1000", "text/turtle").body(), Lang.TURTLE);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
