package mx.zocalo.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/** The embedded store: a TDB2 database in {@code DATA/tdb2}, original files in {@code DATA/files}. */
public final class TdbStore implements Store {
    private final DatasetGraph dsg;
    private final Path files;

    private TdbStore(DatasetGraph dsg, Path files) {
        this.dsg = dsg;
        this.files = files;
    }

    /** Opens (creating if needed) the store in {@code dataDir}. */
    public static TdbStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir.resolve("tdb2"));
            Path files = Files.createDirectories(dataDir.resolve("files"));
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dataDir.resolve("tdb2").toString());
            dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
            dsg.getContext().set(ARQ.queryTimeout, "30000");
            return new TdbStore(dsg, files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
    }

    @Override
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dsg, () -> action.apply(dsg));
    }

    @Override
    public void write(Consumer<DatasetGraph> action) {
        Txn.executeWrite(dsg, () -> action.accept(dsg));
    }

    @Override
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    @Override
    public Path filesDirectory() {
        return files;
    }

    @Override
    public void close() {
        dsg.close();
    }
}
