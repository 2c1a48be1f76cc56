package mx.zocalo.server.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.search.DatasetEntry.FacetValue;
import mx.zocalo.server.search.DatasetEntry.Field;
import mx.zocalo.server.search.RecordReader.RecordEntry;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene documents of the index: one per dataset and one per record, and the names of their fields.
 *
 * <p>Text fields are named {@code NAME_es} and {@code NAME_en}: Spanish texts go to the first (Spanish analyzer),
 * English ones to the second (English analyzer), texts without a language to both; they are stored with their offsets,
 * for snippets. {@code spell} holds every word folded and unstemmed, for "did you mean". Facets are both
 * {@link SortedSetDocValuesFacetField}s (counts) and {@code f_DIM} terms (filters).
 */
final class Documents {
    static final String TYPE = "type";
    static final String DATASET = "dataset";
    static final String RECORD = "record";
    static final String ID = "id";
    /** The dataset a document belongs to: its own IRI for a dataset, its dataset's for a record. */
    static final String OF = "of";
    static final String SLUG = "slug";
    static final String URL = "url";
    static final String STAMP = "stamp";
    static final String CLASS = "class";
    static final String MODIFIED = "modified";
    static final String SPELL = "spell";
    static final String FACET_LABEL = "facetlabel";
    static final String SORT_MODIFIED = "sort_modified";
    /** A record's labels. */
    static final String LABEL = "label";

    static final FacetsConfig FACETS = facetsConfig();

    private static final FieldType TEXT = textType();

    private Documents() {}

    /** The text field of {@code f}: {@code title}, {@code keyword}... */
    static String name(Field f) {
        return f.name().toLowerCase(Locale.ROOT);
    }

    static String sortTitle(String lang) {
        return "sort_title_" + lang;
    }

    static String filterField(String dim) {
        return "f_" + dim;
    }

    static Document dataset(DatasetEntry e) {
        Document doc = new Document();
        doc.add(new StringField(TYPE, DATASET, org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField(ID, e.iri(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField(OF, e.iri(), org.apache.lucene.document.Field.Store.YES));
        if (e.slug() != null) doc.add(new StoredField(SLUG, e.slug()));
        doc.add(new StoredField(URL, e.url()));
        doc.add(new StoredField(STAMP, e.stamp()));
        if (e.modifiedText() != null) doc.add(new StoredField(MODIFIED, e.modifiedText()));
        doc.add(new NumericDocValuesField(SORT_MODIFIED, e.modified()));
        StringBuilder spell = new StringBuilder();
        for (Map.Entry<Field, Texts> t : e.texts().entrySet()) {
            text(doc, name(t.getKey()), t.getValue());
            t.getValue().all().forEach(s -> spell.append(s).append('\n'));
        }
        doc.add(new TextField(SPELL, spell.toString(), org.apache.lucene.document.Field.Store.NO));
        sortTitles(doc, e.text(Field.TITLE));
        for (FacetValue v : e.facets()) {
            Set<String> dims = new LinkedHashSet<>();
            if (v.facet() == Facet.KEYWORD) {
                if (v.labelEs() != null) dims.add(Facet.KEYWORD.dim("es"));
                if (v.labelEn() != null) dims.add(Facet.KEYWORD.dim("en"));
            } else {
                dims.add(v.facet().dim("es"));
            }
            for (String dim : dims) {
                doc.add(new SortedSetDocValuesFacetField(dim, v.value()));
                doc.add(new StringField(filterField(dim), v.value(), org.apache.lucene.document.Field.Store.NO));
                doc.add(new StoredField(FACET_LABEL, dim + '\t' + v.value() + '\t'
                        + (v.labelEs() != null ? v.labelEs() : v.labelEn()) + '\t' + (v.labelEn() != null ? v.labelEn() : v.labelEs())));
            }
        }
        return build(doc);
    }

    static Document record(RecordEntry r, DatasetEntry of, String url, String classEs, String classEn) {
        Document doc = new Document();
        doc.add(new StringField(TYPE, RECORD, org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField(ID, r.iri(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StringField(OF, of.iri(), org.apache.lucene.document.Field.Store.YES));
        doc.add(new StoredField(URL, url));
        if (r.type() != null) {
            doc.add(new StoredField(CLASS, r.type()));
            doc.add(new StoredField(CLASS + "_label_es", classEs));
            doc.add(new StoredField(CLASS + "_label_en", classEn));
        }
        text(doc, LABEL, r.labels());
        doc.add(new TextField(SPELL, String.join("\n", r.labels().all()), org.apache.lucene.document.Field.Store.NO));
        sortTitles(doc, r.labels());
        doc.add(new NumericDocValuesField(SORT_MODIFIED, Long.MIN_VALUE));
        return doc;
    }

    private static void text(Document doc, String name, Texts texts) {
        for (String lang : Texts.LANGS) {
            for (String s : texts.forField(lang)) doc.add(new org.apache.lucene.document.Field(name + "_" + lang, s, TEXT));
        }
    }

    private static void sortTitles(Document doc, Texts titles) {
        for (String lang : Texts.LANGS) {
            String t = titles.show(lang);
            doc.add(new SortedDocValuesField(sortTitle(lang), new BytesRef(t == null ? "\uffff" : sortKey(t))));
        }
    }

    /** Titles sort without case or accents: {@code Él} beside {@code el}. */
    static String sortKey(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return folded.length() > 200 ? folded.substring(0, 200) : folded;
    }

    private static Document build(Document doc) {
        try {
            return FACETS.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FacetsConfig facetsConfig() {
        FacetsConfig c = new FacetsConfig();
        for (Facet f : Facet.values()) {
            for (String lang : Texts.LANGS) c.setMultiValued(f.dim(lang), true);
        }
        return c;
    }

    private static FieldType textType() {
        FieldType t = new FieldType(TextField.TYPE_STORED);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }
}
