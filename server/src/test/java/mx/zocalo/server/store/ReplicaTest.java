package mx.zocalo.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.publish.DatasetPublisher;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary portal keeping a patch log and two replicas following it, each with its own TDB2 store and served on a free
 * port: a publish of a real dataset (and of a new version of it) reaches both replicas, whose pages then equal the
 * primary's (same ETag, same quads); with one replica stopped, the other keeps serving; a stopped replica resumes from
 * its version.
 */
class ReplicaTest {
    private static final Path SOURCE = Path.of("../mappings/accidentes-carreteros");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void twoReplicasFollowThePrimaryAndOneServesWhenTheOtherStops() throws Exception {
        PortalIris iris = new PortalIris("http://localhost:8080/");
        Path folder = copy(SOURCE, tmp.resolve("source/accidentes-carreteros"));
        TdbStore primary = TdbStore.open(tmp.resolve("primary"));
        Vocabularies.load(primary, iris); // before the log: part of the first patch, the snapshot
        PatchLog log = primary.startPatchLog();
        assertThat(log.latest()).isEqualTo(1);
        DatasetPublisher publisher = new DatasetPublisher(primary, iris);
        publisher.publish(folder, true);
        assertThat(log.latest()).isGreaterThan(1);
        PortalServer p = PortalServer.builder().store(primary).iris(iris).port(0).build().start();
        URI primaryUrl = URI.create("http://localhost:" + p.port() + "/");
        Path sharedFiles = primary.filesDirectory();

        // the log is only for replicas: no token, or another, is refused, and a replica without it says what it needs
        for (String path : List.of("patches", "patches/1")) {
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(primaryUrl.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.body()).contains("\"token-missing\"").contains("replica-token").doesNotContain(log.token());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(primaryUrl.resolve(path))
                    .header("Authorization", "Bearer " + "0".repeat(64)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(wrong.body()).contains("\"token-wrong\"");
        }
        assertThat(Files.readString(tmp.resolve("primary/patches/replica-token")).trim()).isEqualTo(log.token()).hasSize(64);
        Replica tokenless = Replica.open(tmp.resolve("r0"), primaryUrl, sharedFiles);
        try {
            assertThatThrownBy(tokenless::pull).isInstanceOf(java.io.IOException.class).hasMessageContaining("401")
                    .hasMessageContaining("--primary-token");
            assertThat(tokenless.version()).isZero();
        } finally {
            tokenless.close();
        }

        Replica r1 = Replica.open(tmp.resolve("r1"), primaryUrl, sharedFiles, log.token());
        Replica r2 = Replica.open(tmp.resolve("r2"), primaryUrl, sharedFiles, log.token());
        try {
            assertThat(r1.pull()).isEqualTo(log.latest());
            assertThat(r2.pull()).isEqualTo(log.latest());
            PortalServer s1 = PortalServer.builder().store(r1).iris(iris).port(0).build().start();
            PortalServer s2 = PortalServer.builder().store(r2).iris(iris).port(0).build().start();
            String page = "/dataset/accidentes-carreteros";
            HttpResponse<String> onPrimary = get(p.port(), page);
            assertThat(onPrimary.statusCode()).isEqualTo(200);
            String etag1 = onPrimary.headers().firstValue("ETag").orElseThrow();
            for (PortalServer s : List.of(s1, s2)) {
                HttpResponse<String> r = get(s.port(), page);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("ETag")).contains(etag1);
            }
            assertThat(quads(r1)).isEqualTo(quads(primary));
            assertThat(quads(r2)).isEqualTo(quads(primary));

            // a new version: one figure changed in the source
            Path csv = folder.resolve("sct_71_accidentes_mes.csv");
            Files.writeString(csv, Files.readString(csv).replaceFirst("Aguascalientes,enero,17\\.0,", "Aguascalientes,enero,71.0,"));
            publisher.publish(folder, false);
            r1.follow(Duration.ofMillis(100));
            r2.follow(Duration.ofMillis(100));
            awaitVersion(log.latest(), r1, r2);
            String etag2 = get(p.port(), page).headers().firstValue("ETag").orElseThrow();
            assertThat(etag2).isNotEqualTo(etag1);
            for (PortalServer s : List.of(s1, s2)) assertThat(get(s.port(), page).headers().firstValue("ETag")).contains(etag2);
            assertThat(quads(r1)).isEqualTo(quads(primary));
            assertThat(quads(r2)).containsExactlyInAnyOrderElementsOf(quads(primary));
            String ask = "/sparql?query=" + java.net.URLEncoder.encode(
                    "ASK { ?o ?p ?v FILTER(isNumeric(?v) && ?v = 71) }", java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> yes = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + s2.port() + ask))
                    .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(yes.body()).contains("\"boolean\" : true");

            // one replica stops: the other keeps serving; a replica refuses writes
            s1.stop();
            r1.close();
            for (int i = 0; i < 5; i++) assertThat(get(s2.port(), page).statusCode()).isEqualTo(200);
            assertThat(get(s2.port(), "/catalog.ttl").statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> r2.write(dsg -> {})).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("primary");

            // the stopped replica resumes from its version and catches up with a publish it missed
            long before = log.latest();
            Files.writeString(csv, Files.readString(csv).replaceFirst("Aguascalientes,enero,71\\.0,", "Aguascalientes,enero,72.0,"));
            publisher.publish(folder, false);
            assertThat(log.latest()).isGreaterThan(before);
            Replica again = Replica.open(tmp.resolve("r1"), primaryUrl, sharedFiles, log.token());
            try {
                assertThat(again.version()).isEqualTo(before);
                assertThat(again.pull()).isEqualTo(log.latest());
                assertThat(quads(again)).isEqualTo(quads(primary));
            } finally {
                again.close();
            }
            awaitVersion(log.latest(), r2);
            assertThat(get(s2.port(), page).headers().firstValue("ETag")).isEqualTo(get(p.port(), page).headers().firstValue("ETag"));
            s2.stop();
        } finally {
            r1.close();
            r2.close();
            p.stop();
            primary.close();
        }
    }

    @Test
    void aPatchIsRdfPatchTextAndAFailedWriteLeavesNone() throws Exception {
        TdbStore store = TdbStore.open(tmp.resolve("data"));
        try {
            PatchLog log = store.startPatchLog();
            assertThat(log.latest()).isZero(); // an empty store: nothing to snapshot
            store.write(dsg -> dsg.add(Quad.create(org.apache.jena.graph.NodeFactory.createURI("urn:g"),
                    org.apache.jena.graph.NodeFactory.createURI("urn:s"), org.apache.jena.graph.NodeFactory.createURI("urn:p"),
                    org.apache.jena.graph.NodeFactory.createLiteralString("o"))));
            assertThat(log.latest()).isEqualTo(1);
            String text = Files.readString(log.patch(1).orElseThrow());
            assertThat(text).contains("TX").contains("A <urn:s> <urn:p> \"o\" <urn:g>").contains("TC");
            assertThat(RDFPatchOps.read(Files.newInputStream(log.patch(1).orElseThrow())).header()).isNotNull();
            assertThatThrownBy(() -> store.write(dsg -> {
                dsg.delete(Quad.create(org.apache.jena.graph.NodeFactory.createURI("urn:g"),
                        org.apache.jena.graph.NodeFactory.createURI("urn:s"), org.apache.jena.graph.NodeFactory.createURI("urn:p"),
                        org.apache.jena.graph.NodeFactory.createLiteralString("o")));
                throw new IllegalStateException("stopped");
            })).hasMessage("stopped");
            store.write(dsg -> {}); // changes nothing: no patch
            assertThat(log.latest()).isEqualTo(1);
            try (Stream<Path> files = Files.list(tmp.resolve("data/patches"))) {
                assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("0000000001.rdfp");
            }
            assertThat((long) store.<Long>read(dsg -> dsg.stream().count())).isEqualTo(1L);
        } finally {
            store.close();
        }
    }

    private static List<String> quads(Store s) {
        return s.read(dsg -> dsg.stream().map(Quad::toString).sorted().toList());
    }

    private static void awaitVersion(long version, Replica... replicas) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Replica r : replicas) {
            while (r.version() < version && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(r.version()).as("replica version").isEqualTo(version);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }
}
