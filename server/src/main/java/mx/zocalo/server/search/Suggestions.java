package mx.zocalo.server.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean": each word of the query that no document has (in the folded, unstemmed {@code spell} field) is
 * replaced by the closest word that documents do have ({@link DirectSpellChecker}: up to two edits), written as the
 * documents write it ({@code poblacoin} → {@code población}).
 */
final class Suggestions {
    /** Lower case only, accents kept: the words as they are written, cut as the folded analyzer cuts them. */
    private static final Analyzer SURFACE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    private Suggestions() {}

    /** The corrected query, or null when every word is known or no correction was found. */
    static String suggest(IndexSearcher searcher, String q) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        List<String> folded = QueryCompiler.words(q);
        List<String> written = SearchAnalyzers.terms(SURFACE, "q", q);
        if (folded.isEmpty() || written.size() != folded.size()) written = folded;
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMinQueryLength(3);
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < folded.size(); i++) {
            String w = folded.get(i);
            Term term = new Term(Documents.SPELL, w);
            if (reader.docFreq(term) > 0 || w.chars().allMatch(Character::isDigit)) {
                out.add(written.get(i));
                continue;
            }
            SuggestWord[] found = checker.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            if (found.length == 0) {
                out.add(written.get(i));
                continue;
            }
            out.add(surface(searcher, found[0].string));
            changed = true;
        }
        return changed ? String.join(" ", out) : null;
    }

    /** How a document writes the folded word {@code word}: {@code poblacion} → {@code población}; else the word. */
    private static String surface(IndexSearcher searcher, String word) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(Documents.SPELL, word)), 1);
        if (top.scoreDocs.length == 0) return word;
        Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
        for (IndexableField f : doc.getFields()) {
            if (f.stringValue() == null || !(f.name().endsWith("_es") || f.name().endsWith("_en"))) continue;
            for (String w : SearchAnalyzers.terms(SURFACE, "x", f.stringValue())) {
                List<String> folded = SearchAnalyzers.terms(SearchAnalyzers.FOLDED, "x", w);
                if (folded.size() == 1 && folded.get(0).equals(word)) return w;
            }
        }
        return word;
    }

}
