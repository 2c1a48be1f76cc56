package mx.zocalo.server.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * Where the portal keeps its RDF: one named graph per dataset, a catalog graph and a vocabulary graph,
 * with the union of all named graphs as the default graph for SPARQL. The only part of the server that
 * knows which triple store sits underneath: {@link TdbStore} (embedded, the default) or {@link RemoteStore} (a SPARQL
 * 1.1 store such as a separate Fuseki).
 *
 * <pre>{@code
 * try (Store store = TdbStore.open(Path.of("data"))) {
 *     store.write(dsg -> dsg.add(quad));          // one write transaction; an exception aborts it
 *     long n = store.read(dsg -> dsg.stream().count());
 *     long rows = store.query(QueryFactory.create("SELECT * { ?s ?p ?o }"), Duration.ofSeconds(30),
 *             qe -> (long) ResultSetFormatter.consume(qe.execSelect()));
 * }
 * }</pre>
 */
public interface Store extends AutoCloseable {

    /** Runs {@code action} in a read transaction. */
    <T> T read(Function<DatasetGraph, T> action);

    /** Runs {@code action} in ONE write transaction: commits if it returns, aborts if it throws. */
    void write(Consumer<DatasetGraph> action);

    /**
     * Runs one SPARQL query over the store's data — the union of the named graphs as the default graph, every named
     * graph by name, or the graphs of the query's {@code FROM} / {@code FROM NAMED} — and hands its execution to
     * {@code action}, which reads the results: they are valid only inside it. The query is stopped after
     * {@code timeout}: reading it then throws {@link QueryCancelledException}. The embedded store evaluates it with ARQ
     * in a read transaction; a remote store sends it to its query endpoint. Federated {@code SERVICE} calls are not
     * made by the embedded store; the caller refuses them before they reach a remote one.
     *
     * @throws StoreUnavailableException when a remote store cannot be reached or fails
     */
    <T> T query(Query query, Duration timeout, Function<QueryExecution, T> action);

    /**
     * How long the portal may go on using what it read from the store (pages, copies) when the version marker — the
     * catalog's {@code dct:modified} — has not changed. Empty when every change goes through this process (the embedded
     * TDB2 store belongs to one process); a remote store may also be written by programs that do not set the marker.
     */
    default Optional<Duration> maxAge() {
        return Optional.empty();
    }

    /** Folder holding the original files of published datasets, one sub-folder per dataset. */
    Path filesDirectory();

    /**
     * The derived indexes of this store (the search index...), each in a folder {@code DATA/indexes/NAME} of the data
     * directory — also with a remote store, whose data directory still holds the files. Closed with the store.
     */
    DerivedIndexes derivedIndexes();

    @Override
    void close();
}
