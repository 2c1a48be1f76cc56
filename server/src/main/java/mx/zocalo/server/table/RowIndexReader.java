package mx.zocalo.server.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Node;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One dataset's row index, open for reading: what its commit says (stamp, the tables and their state), and the
 * distinct terms of each field, decoded once. Counted: {@link #tryAcquire()} before use, {@link #release()} after;
 * {@link #close()} lets go of the files once the last user has released it.
 */
final class RowIndexReader {
    /** The distinct terms of a field: as indexed, and as RDF terms ({@code null}: no value). */
    record Terms2(List<BytesRef> bytes, List<Node> nodes) {}

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, String> data;
    private final AtomicInteger users = new AtomicInteger(1); // the cache's own reference
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, Terms2> terms = new ConcurrentHashMap<>();
    private final Map<String, Object> computed = new ConcurrentHashMap<>();

    private RowIndexReader(Directory directory, DirectoryReader reader, Map<String, String> data) {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.searcher.setQueryCache(null);
        this.data = data;
    }

    /** The index in {@code dir} when its commit is of this schema and of {@code stamp}; else null. */
    static RowIndexReader open(Path dir, String stamp) throws IOException {
        Directory d = FSDirectory.open(dir);
        try {
            DirectoryReader r = DirectoryReader.open(d);
            Map<String, String> data = r.getIndexCommit().getUserData();
            if (!RowIndex.SCHEMA.equals(data.get("schema")) || !stamp.equals(data.get("stamp"))) {
                r.close();
                d.close();
                return null;
            }
            return new RowIndexReader(d, r, data);
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    DirectoryReader reader() {
        return reader;
    }

    IndexSearcher searcher() {
        return searcher;
    }

    /**
     * The number of the table indexed for {@code t} with the same model, whose rows are all in the index; -1 when
     * there is none (the table is then answered by SPARQL).
     */
    int table(Table t) {
        String fingerprint = RowIndex.fingerprint(t);
        for (int i = 0; data.containsKey("table." + i + ".class"); i++) {
            if (t.classIri().equals(data.get("table." + i + ".class")) && fingerprint.equals(data.get("table." + i + ".model"))
                    && "ok".equals(data.get("table." + i + ".state"))) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the values of {@code field} in table {@code i} have ranks (a total order ARQ keeps). */
    boolean sortable(int i, String field) {
        String list = data.getOrDefault("table." + i + ".unsortable", "");
        return list.isEmpty() || !List.of(list.split(",")).contains(field);
    }

    /**
     * The distinct terms of {@code field} (over every table of the dataset), decoded once; null when there are more than
     * {@code most}.
     */
    Terms2 terms(String field, int most) throws IOException {
        Terms2 known = terms.get(field);
        if (known != null) return known;
        List<BytesRef> bytes = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Terms ts = MultiTerms.getTerms(reader, "t:" + field);
        if (ts != null && ts.size() > most) return null; // too many to decide one by one
        if (ts != null) {
            TermsEnum e = ts.iterator();
            for (BytesRef b = e.next(); b != null; b = e.next()) {
                bytes.add(BytesRef.deepCopyOf(b));
                nodes.add(RowIndexTerms.decode(b.utf8ToString()));
            }
        }
        Terms2 t = new Terms2(bytes, nodes);
        terms.put(field, t);
        return t;
    }

    /** What {@code compute} gives for {@code key}, computed once per open index (for what its terms alone decide). */
    @SuppressWarnings("unchecked")
    <T> T computed(String key, java.util.function.Supplier<T> compute) {
        Object known = computed.get(key);
        if (known != null) return (T) known;
        T t = compute.get();
        if (computed.size() < 256) computed.put(key, t);
        return t;
    }

    boolean tryAcquire() {
        while (true) {
            int n = users.get();
            if (n <= 0) return false;
            if (users.compareAndSet(n, n + 1)) return true;
        }
    }

    void release() {
        if (users.decrementAndGet() == 0) closeFiles();
    }

    /** Drops the cache's reference: the files close when no query uses them any more. */
    void close() {
        if (closed.compareAndSet(false, true)) release();
    }

    private void closeFiles() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
