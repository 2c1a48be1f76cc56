package mx.zocalo.server.cli;

import static mx.zocalo.server.cli.ZocaloCommandTest.FIXTURES;
import static mx.zocalo.server.cli.ZocaloCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.cli.ZocaloCommandTest.Run;
import mx.zocalo.server.publish.Vocabularies;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.TdbStore;
import mx.zocalo.server.web.PortalServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory remembers the base IRI it was created with ({@code zocalo-data.properties}); every command that
 * opens it uses that base, refuses another one naming both, and moves everything to a new one only with
 * {@code --rebase}.
 */
class BaseIriCommandTest {
    static final String PORT_18080 = "http://localhost:18080/";
    static final String PUBLIC = "https://datos.example.mx/";

    @TempDir
    Path tmp;

    static List<Quad> quads(Path data) {
        try (TdbStore store = TdbStore.open(data)) {
            return store.read(dsg -> {
                List<Quad> out = new ArrayList<>();
                dsg.find().forEachRemaining(out::add);
                return out;
            });
        }
    }

    /** Every quad with a term (graph name, subject, predicate, object, literal text) that mentions {@code base}. */
    static List<Quad> mentioning(Path data, String base) {
        return quads(data).stream().filter(q -> Stream.of(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject())
                .anyMatch(n -> n.isURI() ? n.getURI().startsWith(base) : n.isLiteral() && n.getLiteralLexicalForm().contains(base)))
                .toList();
    }

    @Test
    void a_publish_into_a_directory_made_for_another_port_uses_that_directory_s_base() {
        Path data = tmp.resolve("demo");
        // what `demo --port 18080` leaves: a directory whose base is http://localhost:18080/
        Run first = run("publish", "--data", data.toString(), "--base", PORT_18080, FIXTURES.resolve("pagos-prueba").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        // the second step: publish without --base, as the README says
        Run second = run("publish", "--data", data.toString(), FIXTURES.resolve("accidentes-sin-mapeo").toString());
        assertThat(second.exit()).as(second.err()).isZero();

        assertThat(mentioning(data, "http://localhost:8080/")).as("nothing minted under the default port").isEmpty();
        try (TdbStore store = TdbStore.open(data)) {
            PortalIris iris = new PortalIris(PORT_18080);
            boolean listed = store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.catalog(), DCAT.dataset.asNode(), iris.dataset("accidentes")));
            long triples = store.read(dsg -> (long) dsg.getGraph(iris.datasetGraph("accidentes")).size());
            assertThat(listed).isTrue();
            assertThat(triples).isGreaterThan(300);
        }
        assertThat(DataDirectory.read(data)).map(DataDirectory.Recorded::base).contains(PORT_18080);
        assertThat(DataDirectory.read(data).orElseThrow().created()).isNotNull();
    }

    @Test
    void a_new_directory_takes_the_port_of_serve_and_demo_and_publish_says_its_default() {
        Path dir = tmp.resolve("new");
        BaseChoice serve = BaseChoice.decide(dir, Optional.empty(), List::of, null, false, "http://localhost:18080/");
        assertThat(serve.iris().base()).isEqualTo(PORT_18080);
        assertThat(serve.recorded()).isFalse();
        assertThat(run("publish", "--help").out()).contains("--base", "--rebase", "recorded", StoreOptions.DEFAULT_BASE)
                .doesNotContain("--port", "--store-max-age");
        assertThat(run("harvest", "--help").out()).contains("--base", "--rebase").doesNotContain("--port", "--store-max-age");
        assertThat(run("serve", "--help").out()).contains("--port", "--store-max-age", "--rebase");
        assertThat(run("demo", "--help").out()).contains("--port", "--store-max-age", "--rebase");
    }

    @Test
    void another_base_is_refused_naming_both_and_the_store_is_left_alone() {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), "--base", PORT_18080, FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        List<Quad> before = quads(data);
        for (String command : new String[] {"publish", "harvest", "unpublish", "store"}) {
            List<String> args = new ArrayList<>(List.of(command));
            if (command.equals("store")) args.add("check");
            args.addAll(List.of("--data", data.toString(), "--base", PUBLIC));
            switch (command) {
                case "publish" -> args.add(FIXTURES.resolve("pagos-prueba").toString());
                case "harvest" -> args.add(HarvestCommandTest.EXAMPLE.toString());
                case "unpublish" -> args.add("pagos-prueba");
                default -> { }
            }
            Run r = run(args.toArray(String[]::new));
            assertThat(r.exit()).as(command).isEqualTo(1);
            assertThat(r.err()).as(command).contains(PORT_18080, PUBLIC, "--rebase", data.resolve(DataDirectory.FILE).toString());
        }
        assertThat(quads(data)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(run("publish", "--data", data.toString(), "--rebase", FIXTURES.resolve("pagos-prueba").toString()).err())
                .contains("--rebase", "--base");
    }

    @Test
    void rebase_rewrites_every_iri_graph_and_download_and_the_portal_serves_the_new_base() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(run("publish", "--data", data.toString(), FIXTURES.resolve("pagos-prueba").toString(),
                FIXTURES.resolve("accidentes-sin-mapeo").toString()).exit()).isZero();
        String old = StoreOptions.DEFAULT_BASE;
        assertThat(mentioning(data, old)).isNotEmpty();

        Run moved = run("unpublish", "--data", data.toString(), "--base", PUBLIC, "--rebase", "accidentes");
        assertThat(moved.exit()).as(moved.err()).isZero();

        assertThat(mentioning(data, old)).as("no IRI nor literal left under the old base").isEmpty();
        DataDirectory.Recorded recorded = DataDirectory.read(data).orElseThrow();
        assertThat(recorded.base()).isEqualTo(PUBLIC);
        assertThat(recorded.rebasedFrom()).isEqualTo(old);
        // the downloads were rewritten too, and the catalog gives their new size and checksum
        Path dumps = data.resolve("files/pagos-prueba/rdf");
        PortalIris iris = new PortalIris(PUBLIC);
        try (Stream<Path> files = Files.list(dumps); TdbStore store = TdbStore.open(data)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.toString()).doesNotContain(old).contains(PUBLIC);
                String ext = f.getFileName().toString().substring("pagos-prueba.".length());
                Node dist = iris.distribution("pagos-prueba", ext);
                Optional<String> size = store.read(dsg -> value(dsg.find(iris.catalogGraph(), dist, DCAT.byteSize.asNode(), Node.ANY)));
                Optional<String> sha = store.read(dsg -> value(dsg.find(iris.catalogGraph(), NodeFactory.createURI(dist.getURI() + "#checksum"),
                        NodeFactory.createURI("http://spdx.org/rdf/terms#checksumValue"), Node.ANY)));
                if (ext.equals("nq")) continue; // not a distribution
                assertThat(size).as(ext).contains(Long.toString(Files.size(f)));
                assertThat(sha).as(ext).contains(sha256(f));
            }
        }
        assertThat(Files.exists(data.resolve("files/accidentes"))).as("the command went on with the new base").isFalse();

        // served under the new base: every page and download there
        try (TdbStore store = TdbStore.open(data)) {
            Vocabularies.load(store, iris);
            PortalServer server = PortalServer.builder().store(store).iris(iris).port(0).build().start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String url = "http://localhost:" + server.port();
                for (String path : List.of("/dataset/pagos-prueba", "/id/pagos-prueba/pago/1", "/graph/pagos-prueba", "/catalog")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "text/turtle").build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path).isEqualTo(200);
                    assertThat(r.body()).as(path).contains(PUBLIC).doesNotContain(old);
                }
                byte[] ttl = http.send(HttpRequest.newBuilder(URI.create(url + "/download/pagos-prueba.ttl")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                Graph g = GraphFactory.createDefaultGraph();
                RDFParser.source(new java.io.ByteArrayInputStream(ttl)).lang(Lang.TURTLE).parse(g);
                assertThat(g.contains(iris.iri("id/pagos-prueba/pago/1"), Node.ANY, Node.ANY)).isTrue();
            } finally {
                server.stop();
            }
        }
    }

    private static Optional<String> value(java.util.Iterator<Quad> it) {
        return it.hasNext() ? Optional.of(it.next().getObject().getLiteralLexicalForm()) : Optional.empty();
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void a_directory_made_by_an_earlier_version_gets_its_base_from_its_catalog_even_with_harvested_sub_catalogs() throws IOException {
        Path data = tmp.resolve("old");
        assertThat(run("harvest", "--data", data.toString(), "--base", PUBLIC, HarvestCommandTest.EXAMPLE.toString()).exit()).isZero();
        Files.delete(DataDirectory.file(data)); // as an earlier version left it
        Run check = run("store", "check", "--data", data.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(DataDirectory.read(data)).map(DataDirectory.Recorded::base).contains(PUBLIC);
        // and the same with a published dataset
        Path published = tmp.resolve("published");
        assertThat(run("publish", "--data", published.toString(), "--base", PORT_18080, FIXTURES.resolve("pagos-prueba").toString()).exit()).isZero();
        Files.delete(DataDirectory.file(published));
        Run again = run("publish", "--data", published.toString(), FIXTURES.resolve("pagos-prueba").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("pagos-prueba: unchanged");
        assertThat(DataDirectory.read(published)).map(DataDirectory.Recorded::base).contains(PORT_18080);
        assertThat(Files.readString(DataDirectory.file(published), StandardCharsets.UTF_8)).startsWith("# Zócalo data directory")
                .contains("base=" + PORT_18080, "created=");
    }
}
