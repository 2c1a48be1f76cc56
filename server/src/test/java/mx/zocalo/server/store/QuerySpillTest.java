package mx.zocalo.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A public query's {@code ORDER BY} and {@code DISTINCT} keep at most {@link TdbStore#SPILL_BINDINGS} rows in memory,
 * the rest in temporary files (ARQ's spill to disk): over a product they filled the heap within the time limit, and
 * pages waited for the collector. On a real TDB2 store: the threshold is in the query's context, and ordered and
 * distinct answers far past it are the same as ARQ's in memory, the spill files gone afterwards.
 */
class QuerySpillTest {
    @TempDir
    Path tmp;

    @Test
    void ordering_and_distinct_past_the_spill_threshold_give_arq_s_answer() throws Exception {
        DatasetGraph same = DatasetGraphFactory.createTxnMem();
        try (TdbStore store = TdbStore.open(tmp.resolve("data"))) {
            store.write(dsg -> {
                for (int i = 0; i < 90; i++) {
                    Quad q = new Quad(NodeFactory.createURI("urn:zocalo:g"), NodeFactory.createURI("urn:zocalo:s" + i),
                            NodeFactory.createURI("urn:zocalo:p" + i % 7), NodeFactory.createLiteralString("v" + (i * 37 % 90)));
                    dsg.add(q);
                    same.add(q);
                }
            });
            // 90 × 90 = 8,100 rows, four times the threshold
            assertThat(8_100L).isGreaterThan(3 * TdbStore.SPILL_BINDINGS);
            List<String> queries = List.of(
                    "SELECT ?a ?c ?f WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } } ORDER BY DESC(?c) ?f ?a",
                    "SELECT DISTINCT ?c ?f WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } } ORDER BY ?f ?c",
                    "SELECT DISTINCT ?b ?e ?a ?f WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } }");
            java.nio.file.Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            long before = spillFiles(temp);
            for (String q : queries) {
                Object threshold = store.query(QueryFactory.create(q), Duration.ofSeconds(60),
                        qe -> qe.getContext().get(ARQ.spillToDiskThreshold));
                assertThat(threshold).isEqualTo(TdbStore.SPILL_BINDINGS);
                List<String> ours = store.query(QueryFactory.create(q), Duration.ofSeconds(60), qe -> rows(qe.execSelect()));
                List<String> arq;
                try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(same)).query(q).build()) {
                    arq = rows(qe.execSelect());
                }
                assertThat(ours).as(q).hasSizeGreaterThan((int) TdbStore.SPILL_BINDINGS).hasSameSizeAs(arq);
                if (!q.contains("ORDER BY")) { // no order asked: the same rows, in the store's order
                    ours = ours.stream().sorted().toList();
                    arq = arq.stream().sorted().toList();
                }
                for (int i = 0; i < arq.size(); i++) assertThat(ours.get(i)).as(q + ", row " + i).isEqualTo(arq.get(i));
            }
            assertThat(spillFiles(temp)).as("spill files left in " + temp).isEqualTo(before);
        }
    }

    private static List<String> rows(ResultSet rs) {
        List<String> out = new ArrayList<>();
        List<String> vars = rs.getResultVars(); // the same values in the same order, whatever order a binding holds them in
        rs.forEachRemaining(b -> out.add(vars.stream().map(v -> String.valueOf(b.get(v))).toList().toString()));
        return out;
    }

    private static long spillFiles(Path temp) throws java.io.IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("DataBag")).count();
        }
    }
}
