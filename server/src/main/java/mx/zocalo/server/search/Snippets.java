package mx.zocalo.server.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Highlighted text of a page of hits, with Lucene's {@link UnifiedHighlighter} over the offsets stored in the postings:
 * HTML-escaped, the matched words in {@code <mark>}. Titles and labels whole; descriptions cut to their best
 * sentences; keywords, themes, publisher and columns only where a word was found.
 */
final class Snippets {
    static final String[] WHOLE = {"title", "label"};
    static final String[] SUMMARY = {"description"};
    static final String[] MATCHED = {"keyword", "theme", "publisher", "column"};

    private final Map<String, String[]> byField = new HashMap<>();

    private Snippets() {}

    static Snippets of(IndexSearcher searcher, Query query, List<ScoreDoc> docs, Locale locale) throws IOException {
        Snippets s = new Snippets();
        if (docs.isEmpty()) return s;
        TopDocs top = new TopDocs(new TotalHits(docs.size(), TotalHits.Relation.EQUAL_TO), docs.toArray(ScoreDoc[]::new));
        s.run(highlighter(searcher, () -> new WholeBreakIterator(), 1, 1000), WHOLE, 1, query, top);
        s.run(highlighter(searcher, () -> BreakIterator.getSentenceInstance(locale), 1, 10_000), SUMMARY, 2, query, top);
        s.run(highlighter(searcher, () -> BreakIterator.getSentenceInstance(locale), 0, 10_000), MATCHED, 3, query, top);
        return s;
    }

    /** The highlighted text of {@code field} in {@code lang} (else in the other language) of the i-th doc, or null. */
    String get(String field, String lang, int i) {
        for (String l : List.of(lang, "es".equals(lang) ? "en" : "es")) {
            String[] v = byField.get(field + "_" + l);
            if (v != null && v[i] != null && !v[i].isBlank()) return v[i];
        }
        return null;
    }

    private void run(UnifiedHighlighter h, String[] fields, int passages, Query query, TopDocs top) throws IOException {
        List<String> names = new ArrayList<>();
        for (String f : fields) for (String l : Texts.LANGS) names.add(f + "_" + l);
        int[] max = new int[names.size()];
        java.util.Arrays.fill(max, passages);
        byField.putAll(h.highlightFields(names.toArray(String[]::new), query, top, max));
    }

    private static UnifiedHighlighter highlighter(IndexSearcher searcher, java.util.function.Supplier<BreakIterator> breaks,
                                                  int noHighlight, int maxLength) {
        return UnifiedHighlighter.builder(searcher, SearchAnalyzers.PER_FIELD)
                .withBreakIterator(breaks)
                .withMaxNoHighlightPassages(noHighlight)
                .withMaxLength(maxLength)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .build();
    }
}
