package mx.zocalo.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Brings the documents of the index in step with the catalog: a dataset whose stamp changed (published or harvested
 * again) is indexed again with its records, one no longer live (withdrawn, or gone from a harvest) is removed with its
 * records, the others are left alone. The caller commits.
 */
final class Indexer {
    /** What a sync did. */
    record Outcome(int indexed, int removed, long records, int datasets) {
        boolean changed() {
            return indexed > 0 || removed > 0;
        }
    }

    private final Store store;
    private final PortalIris iris;
    private final IndexWriter writer;
    private final BooleanSupplier cancelled;
    private final Graph vocabularies;
    private final Map<String, String[]> classLabels = new HashMap<>();

    Indexer(Store store, PortalIris iris, IndexWriter writer, Graph vocabularies, BooleanSupplier cancelled) {
        this.store = store;
        this.iris = iris;
        this.writer = writer;
        this.vocabularies = vocabularies;
        this.cancelled = cancelled;
    }

    /** Syncs against what {@code searcher} (a view of the writer's documents) holds. */
    Outcome sync(IndexSearcher searcher) throws IOException {
        Map<String, DatasetEntry> live = store.read(dsg -> new CatalogEntries(dsg, iris, store.filesDirectory(), vocabularies).read());
        Map<String, String> indexed = stamps(searcher);
        int removed = 0;
        for (String iri : indexed.keySet()) {
            if (!live.containsKey(iri)) {
                writer.deleteDocuments(new Term(Documents.OF, iri));
                removed++;
            }
        }
        int changed = 0;
        long records = 0;
        for (DatasetEntry e : live.values()) {
            if (e.stamp().equals(indexed.get(e.iri()))) continue;
            checkCancelled();
            writer.deleteDocuments(new Term(Documents.OF, e.iri()));
            writer.addDocument(Documents.dataset(e));
            if (e.graph() != null) records += records(e);
            changed++;
        }
        return new Outcome(changed, removed, records, live.size());
    }

    private long records(DatasetEntry e) {
        return RecordReader.read(store, e.graph(), r -> {
            checkCancelled();
            String[] cls = r.type() == null ? null : classLabels.computeIfAbsent(r.type(), t -> store.read(dsg -> {
                Labels labels = new Labels(dsg, vocabularies);
                return new String[] {labels.label(NodeFactory.createURI(t), "es"), labels.label(NodeFactory.createURI(t), "en")};
            }));
            String local = iris.localPath(r.iri());
            Document doc = Documents.record(r, e, local != null ? local : r.iri(), cls == null ? null : cls[0], cls == null ? null : cls[1]);
            try {
                writer.addDocument(doc);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    /** The stamp of every dataset the index holds, by IRI. */
    private static Map<String, String> stamps(IndexSearcher searcher) throws IOException {
        Map<String, String> out = new HashMap<>();
        TopDocs all = searcher.search(QueryCompiler.type(Documents.DATASET), Math.max(1, searcher.count(QueryCompiler.type(Documents.DATASET))));
        for (ScoreDoc sd : all.scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc, Set.of(Documents.ID, Documents.STAMP));
            out.put(d.get(Documents.ID), d.get(Documents.STAMP));
        }
        return out;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) throw new CancellationException("the store is closing");
    }
}
