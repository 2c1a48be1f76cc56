package mx.zocalo.server.search;

import java.util.List;
import java.util.Map;

/**
 * One dataset of the catalog as the search index sees it: its IRI, where it is shown, what it says (by field and
 * language), its facet values, when it changed, and a stamp that changes whenever its catalog record does (a publish,
 * a harvest). {@code graph} is the named graph of its records: null for a harvested dataset, whose data is elsewhere.
 */
record DatasetEntry(String iri, String slug, String url, String stamp, Map<Field, Texts> texts, List<FacetValue> facets,
                    long modified, String modifiedText, String graph) {

    /** The text fields of a dataset, strongest first. */
    enum Field { TITLE, KEYWORD, THEME, PUBLISHER, DESCRIPTION, COLUMN }

    /** A value of a facet with its labels ({@code es}, {@code en}). */
    record FacetValue(Facet facet, String value, String labelEs, String labelEn) {
        String label(String lang) {
            return "en".equals(lang) ? labelEn : labelEs;
        }
    }

    Texts text(Field f) {
        return texts.getOrDefault(f, new Texts());
    }
}
