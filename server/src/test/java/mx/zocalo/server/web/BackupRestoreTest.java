package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Role;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken through the running portal while readers keep asking for pages, restored into a new directory, gives
 * a portal with the same graphs, the same counts, the same accounts and the same pages.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aBackupUnderLoadRestoresToTheSamePortal() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("backups/copia.zip");
        Map<String, Long> graphs;
        String page;
        String catalog;
        try (Accounts accounts = Accounts.open(data);
             TestPortal p = new TestPortal(data, SparqlLimits.defaults(), b -> b.accounts(accounts).control(data))) {
            accounts.users().add("admin@ciudad.gob.mx", "Admin", Role.ADMIN, null, "correcto caballo batería grapa".toCharArray(), false);
            p.publisher.publish(TestPortal.FIXTURE, false);
            page = p.get("/dataset/pagos-prueba", "text/html").body();
            catalog = p.get("/catalog.ttl", null).body();
            graphs = counts(p.store);
            Properties control = new Properties();
            control.load(Files.newBufferedReader(data.resolve(ControlEndpoint.FILE)));
            assertThat(control.getProperty("port")).isEqualTo(Integer.toString(p.server.port()));
            // readers all along
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Thread load = new Thread(() -> {
                while (!done.get()) {
                    try {
                        int s = p.get("/dataset/pagos-prueba", "text/html").statusCode();
                        if (s == 200) answered.incrementAndGet(); else failed.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            load.start();
            HttpResponse<String> refused = p.http.send(HttpRequest.newBuilder(URI.create(p.url("/-/backup")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("to=" + file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401); // no token, no backup
            HttpResponse<String> made = p.http.send(HttpRequest.newBuilder(URI.create(p.url("/-/backup")))
                    .header("Authorization", "Bearer " + control.getProperty("token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("to=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            done.set(true);
            load.join();
            assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
            assertThat(made.body()).contains("\"quads\":" + graphs.values().stream().mapToLong(Long::longValue).sum());
            assertThat(failed.get()).isZero();
            assertThat(answered.get()).isPositive();
        }
        assertThat(Files.exists(data.resolve(ControlEndpoint.FILE))).isFalse(); // withdrawn at stop
        Path restored = dir.resolve("restored");
        assertThat(mx.zocalo.server.cli.CliAccess.run("restore", file.toString(), "--data", restored.toString())).isZero();
        try (TdbStore s = TdbStore.open(restored)) {
            assertThat(counts(s)).isEqualTo(graphs);
        }
        try (Accounts accounts = Accounts.open(restored);
             TestPortal again = new TestPortal(restored, SparqlLimits.defaults(), b -> b.accounts(accounts))) {
            assertThat(accounts.users().find("admin@ciudad.gob.mx")).isPresent();
            assertThat(again.get("/dataset/pagos-prueba", "text/html").body()).isEqualTo(page);
            // the same catalog, triple for triple (the order of statements follows the store's internal ids)
            assertThat(turtle(again.get("/catalog.ttl", null).body()).isIsomorphicWith(turtle(catalog))).isTrue();
        }
        // a restore never mixes into existing data
        assertThat(mx.zocalo.server.cli.CliAccess.run("restore", file.toString(), "--data", restored.toString())).isEqualTo(1);
    }

    private static org.apache.jena.rdf.model.Model turtle(String text) {
        org.apache.jena.rdf.model.Model m = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
        org.apache.jena.riot.RDFParser.fromString(text, org.apache.jena.riot.Lang.TURTLE).parse(m);
        return m;
    }

    private static Map<String, Long> counts(Store store) {
        return store.read(dsg -> {
            Map<String, Long> m = new TreeMap<>();
            dsg.listGraphNodes().forEachRemaining(g -> m.put(g.getURI(), (long) dsg.getGraph(g).size()));
            return m;
        });
    }
}
