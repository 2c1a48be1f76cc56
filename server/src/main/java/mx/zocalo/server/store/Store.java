package mx.zocalo.server.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * }
 * }</pre>
 */
public interface Store extends AutoCloseable {

    /** Runs {@code action} in a read transaction. */
    <T> T read(Function<DatasetGraph, T> action);

    /** Runs {@code action} in ONE write transaction: commits if it returns, aborts if it throws. */
    void write(Consumer<DatasetGraph> action);

    /** The dataset for the SPARQL service; the service manages its own (read) transactions. */
    DatasetGraph datasetGraph();

    /**
     * The SPARQL query endpoint of a remote store, to which the portal forwards its {@code /sparql} requests; empty when
     * the portal answers them itself over {@link #datasetGraph()}.
     */
    default Optional<String> sparqlEndpoint() {
        return Optional.empty();
    }

    /** Folder holding the original files of published datasets, one sub-folder per dataset. */
    Path filesDirectory();

    @Override
    void close();
}
