package mx.zocalo.server.search;

import java.util.List;
import java.util.Map;

/**
 * One page of answers: how many results in all (and of each kind), the page's hits, the counts of each facet's values
 * over the matching datasets, a corrected query when words were not found ("did you mean"), and whether the index was
 * behind the store when it answered ({@code updating}: it is catching up in the background).
 */
public record SearchResults(long total, long datasets, long records, int page, int pageSize, List<Hit> hits,
                            Map<Facet, List<FacetCount>> facets, String suggestion, boolean updating) {

    /** The number of pages (at least 1), no further than search pages go. */
    public int pages() {
        long p = Math.max(1, (total + pageSize - 1) / pageSize);
        return (int) Math.min(p, SearchQuery.MAX_WINDOW / pageSize);
    }

    /**
     * A result: a dataset or a record. {@code titleHtml} and {@code snippet} are HTML-escaped text with the matched
     * words in {@code <mark>}; {@code matches} names other fields where a word was found (keywords, columns...) with their
     * highlighted text; {@code dataset} is the dataset of a record; {@code className} its class's label.
     */
    public record Hit(String type, String iri, String url, String title, String titleHtml, String snippet,
                      List<Match> matches, DatasetRef dataset, String className, String modified, float score) {}

    /** A field a word was found in, by its name ({@code keyword}, {@code column}, {@code theme}, {@code publisher}). */
    public record Match(String field, String html) {}

    /** The dataset of a record: its IRI, its page and its title. */
    public record DatasetRef(String iri, String url, String title) {}

    /** A facet value: its key (the filter parameter's value), its label, how many matching datasets have it, and
     * whether the query filters on it. */
    public record FacetCount(String value, String label, long count, boolean selected) {}
}
