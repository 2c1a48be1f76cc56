package mx.zocalo.server.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;

/**
 * Runs a {@link RowIndexPlan} on a dataset's row index: the page of rows (their values read from the index) and the
 * full count. In the index's own order (by IRI) the matching documents are walked in order, so that a deep page costs
 * a walk, not a sort; any other order keeps the top {@code offset + limit} by Lucene's sort on the values' ranks.
 */
final class RowIndexSearch {
    /** The page and the count. */
    record Answer(List<Row> rows, long total) {}

    private RowIndexSearch() {}

    static Answer run(RowIndexReader r, RowIndexPlan plan, long offset, long limit) throws IOException {
        IndexSearcher s = r.searcher();
        List<Integer> docs = new ArrayList<>();
        long total;
        if (plan.sort == null && r.reader().leaves().size() <= 1) {
            total = walk(s, plan, offset, limit, docs);
        } else {
            Sort sort = plan.sort != null ? plan.sort : new Sort(new SortField(RowIndexBuilder.IRI16, SortField.Type.STRING));
            long wanted = Math.min(offset + limit, (long) Math.max(1, r.reader().maxDoc()));
            if (offset >= wanted || limit == 0) {
                total = s.count(plan.query);
            } else {
                TopFieldDocs top = s.search(plan.query, new TopFieldCollectorManager(sort, (int) wanted, null, Integer.MAX_VALUE));
                total = top.totalHits.value;
                ScoreDoc[] hits = top.scoreDocs;
                for (long i = offset; i < hits.length && i < offset + limit; i++) docs.add(hits[(int) i].doc);
            }
        }
        return new Answer(rows(s, plan, docs), total);
    }

    /** The matching documents in index order: those of the page into {@code docs}; returns how many match. */
    private static long walk(IndexSearcher s, RowIndexPlan plan, long offset, long limit, List<Integer> docs) throws IOException {
        Weight w = s.createWeight(s.rewrite(plan.query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        long n = 0;
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            Scorer scorer = w.scorer(leaf);
            if (scorer == null) continue;
            DocIdSetIterator it = scorer.iterator();
            var live = leaf.reader().getLiveDocs();
            for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                if (live != null && !live.get(d)) continue;
                if (n >= offset && n < offset + limit) docs.add(leaf.docBase + d);
                n++;
            }
        }
        return n;
    }

    private static List<Row> rows(IndexSearcher s, RowIndexPlan plan, List<Integer> docs) throws IOException {
        StoredFields stored = s.storedFields();
        List<Row> out = new ArrayList<>(docs.size());
        for (int doc : docs) {
            Document d = stored.document(doc);
            String iri = d.get(RowIndexBuilder.IRI);
            List<Object> values = new ArrayList<>(plan.outputs.size());
            for (RowIndexPlan.Output o : plan.outputs) {
                if (o.multiValued()) {
                    values.add(List.of()); // filled from the store, as for SPARQL answers
                } else if (o.id()) {
                    values.add(Values.of(NodeFactory.createURI(iri), o.type(), null));
                } else {
                    values.add(Values.of(term(d, o.field()), o.type(), o.labelField() == null ? null : term(d, o.labelField())));
                }
            }
            out.add(new Row(iri, values, null));
        }
        return out;
    }

    private static Node term(Document d, String field) {
        String v = d.get("v:" + field);
        return v == null ? null : RowIndexTerms.decode(v);
    }

}
