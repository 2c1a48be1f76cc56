package mx.zocalo.server.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.search.SearchQuery.Kind;
import mx.zocalo.server.search.SearchResults.DatasetRef;
import mx.zocalo.server.search.SearchResults.FacetCount;
import mx.zocalo.server.search.SearchResults.Hit;
import mx.zocalo.server.search.SearchResults.Match;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** One search over one view of the index: the query compiled, filtered, counted, sorted, paged and highlighted. */
final class SearchRun {
    private final IndexSearcher searcher;
    private final SearchQuery q;
    private final IndexView view;

    /** What is kept per opened reader: the facets' doc-values state (null with no dataset yet) and the facet labels. */
    record IndexView(SortedSetDocValuesReaderState facets, Map<String, String[]> labels) {}

    private SearchRun(IndexSearcher searcher, SearchQuery q, IndexView view) {
        this.searcher = searcher;
        this.q = q;
        this.view = view;
    }

    static SearchResults run(IndexSearcher searcher, SearchQuery q, IndexView view, boolean updating) throws IOException {
        return new SearchRun(searcher, q, view).run(updating);
    }

    private SearchResults run(boolean updating) throws IOException {
        Query text = QueryCompiler.text(q.q());
        boolean browsing = QueryCompiler.words(q.q()).isEmpty();
        Query datasets = and(text, QueryCompiler.datasetFilter(q.filters()));
        Query records = null;
        if (!(browsing && q.kind() != Kind.RECORD)) {
            Query recordFilter = q.filters().isEmpty() ? QueryCompiler.type(Documents.RECORD)
                    : QueryCompiler.recordsOf(datasetIris(QueryCompiler.datasetFilter(q.filters())));
            records = and(text, recordFilter);
        }
        FacetsCollectorManager.FacetsResult facetRun = FacetsCollectorManager.search(searcher, datasets, 1, new FacetsCollectorManager());
        long datasetCount = facetRun.topDocs().totalHits.value;
        long recordCount = records == null ? 0 : searcher.count(records);
        Query shown = switch (q.kind()) {
            case DATASET -> datasets;
            case RECORD -> records;
            case ALL -> records == null ? datasets : either(datasets, records);
        };
        long total = q.kind() == Kind.DATASET ? datasetCount : q.kind() == Kind.RECORD ? recordCount : datasetCount + recordCount;
        int want = Math.min(q.page() * q.pageSize(), SearchQuery.MAX_WINDOW);
        Sort sort = sort();
        TopDocs top = sort == null ? searcher.search(shown, want) : searcher.search(shown, want, sort, true);
        int from = (q.page() - 1) * q.pageSize();
        List<ScoreDoc> page = from >= top.scoreDocs.length ? List.of()
                : Arrays.asList(top.scoreDocs).subList(from, Math.min(top.scoreDocs.length, from + q.pageSize()));
        Snippets snippets = Snippets.of(searcher, shown, page, Locale.forLanguageTag(q.lang()));
        List<Hit> hits = new ArrayList<>();
        Map<String, DatasetRef> refs = new HashMap<>();
        for (int i = 0; i < page.size(); i++) hits.add(hit(page.get(i), snippets, i, refs));
        // "did you mean" when the query finds little (a misspelt word finds nothing: every word must be found)
        String suggestion = browsing || total >= 3 ? null : Suggestions.suggest(searcher, q.q());
        return new SearchResults(total, datasetCount, recordCount, q.page(), q.pageSize(), hits, facets(facetRun.facetsCollector()),
                suggestion, updating);
    }

    private Hit hit(ScoreDoc sd, Snippets snippets, int i, Map<String, DatasetRef> refs) throws IOException {
        Document doc = searcher.storedFields().document(sd.doc);
        String lang = q.lang();
        boolean isDataset = Documents.DATASET.equals(doc.get(Documents.TYPE));
        String field = isDataset ? "title" : "label";
        String titleHtml = snippets.get(field, lang, i);
        String title = shown(doc, field, lang);
        if (titleHtml == null) titleHtml = escape(title);
        float score = Float.isNaN(sd.score) ? 0f : sd.score;
        if (isDataset) {
            List<Match> matches = new ArrayList<>();
            for (String f : Snippets.MATCHED) {
                String h = snippets.get(f, lang, i);
                if (h != null && h.contains("<mark>")) matches.add(new Match(f, h));
            }
            return new Hit(Documents.DATASET, doc.get(Documents.ID), doc.get(Documents.URL), title, titleHtml,
                    snippets.get("description", lang, i), matches, null, null, doc.get(Documents.MODIFIED), score);
        }
        String of = doc.get(Documents.OF);
        DatasetRef ref = refs.get(of);
        if (ref == null) {
            ref = datasetRef(of);
            refs.put(of, ref);
        }
        String className = doc.get(Documents.CLASS + "_label_" + lang);
        return new Hit(Documents.RECORD, doc.get(Documents.ID), doc.get(Documents.URL) != null ? doc.get(Documents.URL) : doc.get(Documents.ID),
                title, titleHtml, titleHtml, List.of(), ref, className, null, score);
    }

    private DatasetRef datasetRef(String iri) throws IOException {
        TopDocs top = searcher.search(and(new TermQuery(new Term(Documents.ID, iri)), QueryCompiler.type(Documents.DATASET)), 1);
        if (top.scoreDocs.length == 0) return new DatasetRef(iri, iri, iri);
        Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
        return new DatasetRef(iri, d.get(Documents.URL), shown(d, "title", q.lang()));
    }

    /** The stored text of {@code field} in {@code lang}, else the other language's. */
    static String shown(Document doc, String field, String lang) {
        String v = doc.get(field + "_" + lang);
        return v != null ? v : doc.get(field + "_" + ("es".equals(lang) ? "en" : "es"));
    }

    private Map<Facet, List<FacetCount>> facets(FacetsCollector fc) throws IOException {
        Map<Facet, List<FacetCount>> out = new EnumMap<>(Facet.class);
        Facets counts = view.facets() == null ? null : new SortedSetDocValuesFacetCounts(view.facets(), fc);
        for (Facet f : Facet.values()) {
            String dim = f.dim(q.lang());
            List<String> selected = q.filters().getOrDefault(f, List.of());
            List<FacetCount> values = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            FacetResult r = counts == null ? null : counts.getAllChildren(dim);
            if (r != null) {
                for (LabelAndValue lv : r.labelValues) {
                    values.add(new FacetCount(lv.label, label(dim, lv.label), lv.value.longValue(), selected.contains(lv.label)));
                    seen.add(lv.label);
                }
            }
            for (String s : selected) {
                if (!seen.contains(s)) values.add(new FacetCount(s, label(dim, s), 0, true));
            }
            Comparator<FacetCount> order = Comparator.comparingLong((FacetCount c) -> -c.count());
            order = f == Facet.YEAR ? order.thenComparing(FacetCount::value, Comparator.reverseOrder())
                    : order.thenComparing(c -> Documents.sortKey(c.label()));
            values.sort(order);
            out.put(f, values);
        }
        return out;
    }

    private String label(String dim, String value) {
        String[] l = view.labels().get(dim + '\t' + value);
        if (l == null && dim.startsWith("keyword_")) return value;
        if (l == null) return value;
        return "en".equals(q.lang()) ? l[1] : l[0];
    }

    private Set<String> datasetIris(Query filter) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        TopDocs all = searcher.search(filter, Math.max(1, searcher.count(filter)));
        for (ScoreDoc sd : all.scoreDocs) out.add(searcher.storedFields().document(sd.doc, Set.of(Documents.ID)).get(Documents.ID));
        return out;
    }

    private Sort sort() {
        String title = Documents.sortTitle(q.lang());
        return switch (q.order()) {
            case RELEVANCE -> null;
            case TITLE -> new Sort(new SortField(title, SortField.Type.STRING), SortField.FIELD_SCORE);
            case MODIFIED -> new Sort(new SortField(Documents.SORT_MODIFIED, SortField.Type.LONG, true),
                    new SortField(title, SortField.Type.STRING));
        };
    }

    private static Query and(Query a, Query filter) {
        return new BooleanQuery.Builder().add(a, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    private static Query either(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, Occur.SHOULD).add(b, Occur.SHOULD).build();
    }

    static String escape(String s) {
        if (s == null) return null;
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
