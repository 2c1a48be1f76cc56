package mx.zocalo.server.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.search.DatasetEntry.Field;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns the words of a query into a Lucene query; user text never becomes query syntax, it is only cut into words.
 *
 * <p>Each word is looked up in every text field, in its Spanish form (Spanish analyzer) and its English form. A word
 * found in a field scores that field's weight, whatever how often it occurs: title 100, keywords 70, themes 60,
 * publisher 50, description 40, columns 30, a record's label 20 — so a title match ranks above a keyword match above a
 * description match above a column match above a record, and a dataset above a record for the same word. A word's
 * best field counts (the strongest place it was found); the words' scores add up. Every word must be found somewhere,
 * except stop words ("de", "the"), which only add to the score. A little BM25 breaks ties within a tier.
 */
final class QueryCompiler {
    static final Map<String, Float> WEIGHTS = weights();
    private static final float TIE_BREAK = 0.02f;

    private QueryCompiler() {}

    /** The words of {@code q}: lower case, accents folded, as the reader typed them. */
    static List<String> words(String q) {
        return SearchAnalyzers.terms(SearchAnalyzers.FOLDED, Documents.SPELL, q);
    }

    /** The query for the words of {@code q}; empty words match everything. */
    static Query text(String q) {
        List<String> words = words(q);
        if (words.isEmpty()) return new MatchAllDocsQuery();
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int required = 0;
        for (String w : words) {
            List<Query> tiers = new ArrayList<>();
            List<Query> relevance = new ArrayList<>();
            boolean stop = false;
            for (String lang : Texts.LANGS) {
                List<String> stems = SearchAnalyzers.terms(SearchAnalyzers.of("x_" + lang), "x_" + lang, w);
                if (stems.isEmpty()) stop = true;
                for (String stem : stems) {
                    for (Map.Entry<String, Float> f : WEIGHTS.entrySet()) {
                        TermQuery tq = new TermQuery(new Term(f.getKey() + "_" + lang, stem));
                        tiers.add(new BoostQuery(new ConstantScoreQuery(tq), f.getValue()));
                        relevance.add(tq);
                    }
                }
            }
            if (tiers.isEmpty()) continue; // a stop word in both languages
            Query word = new DisjunctionMaxQuery(tiers, 0f);
            if (stop) {
                all.add(word, Occur.SHOULD);
            } else {
                all.add(word, Occur.MUST);
                required++;
            }
            all.add(new BoostQuery(new DisjunctionMaxQuery(relevance, 0.1f), TIE_BREAK), Occur.SHOULD);
        }
        if (required == 0) {
            // only stop words ("de la"): any of them will do
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            any.add(all.build(), Occur.MUST);
            return any.build();
        }
        return all.build();
    }

    /** Documents of a kind: {@code dataset} or {@code record}. */
    static Query type(String type) {
        return new TermQuery(new Term(Documents.TYPE, type));
    }

    /**
     * The datasets that have every value asked for: AND across facets and within a facet. A keyword is looked up in
     * the keywords of both languages.
     */
    static Query datasetFilter(Map<Facet, List<String>> filters) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(type(Documents.DATASET), Occur.FILTER);
        filters.forEach((facet, values) -> {
            for (String v : values) {
                if (facet == Facet.KEYWORD) {
                    BooleanQuery.Builder either = new BooleanQuery.Builder();
                    for (String lang : Texts.LANGS) {
                        either.add(new TermQuery(new Term(Documents.filterField(facet.dim(lang)), v)), Occur.SHOULD);
                    }
                    b.add(either.build(), Occur.FILTER);
                } else {
                    b.add(new TermQuery(new Term(Documents.filterField(facet.dim("es")), v)), Occur.FILTER);
                }
            }
        });
        return b.build();
    }

    /** Records of the datasets {@code datasets}. */
    static Query recordsOf(Set<String> datasets) {
        List<BytesRef> terms = datasets.stream().map(BytesRef::new).toList();
        return new BooleanQuery.Builder().add(type(Documents.RECORD), Occur.FILTER)
                .add(new TermInSetQuery(Documents.OF, terms), Occur.FILTER).build();
    }

    private static Map<String, Float> weights() {
        Map<String, Float> w = new LinkedHashMap<>();
        w.put(Documents.name(Field.TITLE), 100f);
        w.put(Documents.name(Field.KEYWORD), 70f);
        w.put(Documents.name(Field.THEME), 60f);
        w.put(Documents.name(Field.PUBLISHER), 50f);
        w.put(Documents.name(Field.DESCRIPTION), 40f);
        w.put(Documents.name(Field.COLUMN), 30f);
        w.put(Documents.LABEL, 20f);
        return w;
    }
}
