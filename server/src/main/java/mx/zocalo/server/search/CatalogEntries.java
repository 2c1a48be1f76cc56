package mx.zocalo.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.search.DatasetEntry.FacetValue;
import mx.zocalo.server.search.DatasetEntry.Field;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Reads the live datasets of the catalog graph — the portal's own and those of the harvested sub-catalogs, leaving out
 * the withdrawn ones — into {@link DatasetEntry} values, in one read of the store.
 */
final class CatalogEntries {
    static final Node WITHDRAWN = NodeFactory.createURI("http://purl.org/adms/status/Withdrawn");
    static final Node ADMS_STATUS = NodeFactory.createURI("http://www.w3.org/ns/adms#status");
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String SCHEMA = "http://schema.org/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names people know for the EU file-type codes of RDF formats. */
    private static final Map<String, String> FORMAT_LABELS = Map.of("RDF_TURTLE", "Turtle", "RDF_N_TRIPLES", "N-Triples",
            "RDF_N_QUADS", "N-Quads", "JSON_LD", "JSON-LD", "RDF_XML", "RDF/XML", "TEXT/CSV", "CSV");

    private final Graph catalog;
    private final PortalIris iris;
    private final Path files;
    private final Labels labels;

    CatalogEntries(DatasetGraph dsg, PortalIris iris, Path files, Graph vocabularies) {
        this.catalog = dsg.getGraph(iris.catalogGraph());
        this.iris = iris;
        this.files = files;
        this.labels = new Labels(dsg, vocabularies);
    }

    /** The live datasets, by IRI. */
    Map<String, DatasetEntry> read() {
        Map<String, DatasetEntry> out = new LinkedHashMap<>();
        Node portal = iris.catalog();
        for (Node d : objects(portal, DCAT.dataset.asNode())) {
            if (d.isURI()) out.put(d.getURI(), entry(d, portal));
        }
        for (Node sub : objects(portal, DCAT.catalog.asNode())) {
            for (Node d : objects(sub, DCAT.dataset.asNode())) {
                if (!d.isURI() || out.containsKey(d.getURI()) || catalog.contains(d, ADMS_STATUS, WITHDRAWN)) continue;
                out.put(d.getURI(), entry(d, sub));
            }
        }
        return out;
    }

    /** What changes whenever a dataset is published or harvested again: the dct:modified of its catalog records. */
    String stamp(Node d) {
        TreeSet<String> parts = new TreeSet<>();
        catalog.find(Node.ANY, FOAF.primaryTopic.asNode(), d).forEachRemaining(t -> {
            for (Node m : objects(t.getSubject(), DCTerms.modified.asNode())) parts.add(m.toString());
            for (Node sha : objects(t.getSubject(), iris.term("sourceSha256"))) parts.add(sha.toString());
        });
        for (Node m : objects(d, DCTerms.modified.asNode())) parts.add(m.toString());
        return String.join(" ", parts);
    }

    private DatasetEntry entry(Node d, Node source) {
        String iri = d.getURI();
        String own = iris.dataset("").getURI();
        boolean portal = iri.startsWith(own) && source.equals(iris.catalog());
        String slug = portal ? iri.substring(own.length()) : null;
        Map<Field, Texts> texts = new EnumMap<>(Field.class);
        texts.put(Field.TITLE, literals(d, DCTerms.title.asNode()));
        texts.put(Field.DESCRIPTION, literals(d, DCTerms.description.asNode()));
        texts.put(Field.KEYWORD, literals(d, DCAT.keyword.asNode()));
        List<FacetValue> facets = new ArrayList<>();
        Texts themes = new Texts();
        for (Node t : objects(d, DCAT.theme.asNode())) {
            if (!t.isURI()) continue;
            String es = labels.label(t, "es");
            String en = labels.label(t, "en");
            themes.add("es", es).add("en", en);
            String code = t.getURI().startsWith(CatalogRecord.THEME_BASE) ? t.getURI().substring(CatalogRecord.THEME_BASE.length()) : t.getURI();
            facets.add(new FacetValue(Facet.THEME, code, es, en));
        }
        texts.put(Field.THEME, themes);
        Texts publishers = new Texts();
        for (Node p : objects(d, DCTerms.publisher.asNode())) {
            Texts names = literals(p, FOAF.name.asNode());
            if (p.isLiteral()) names.add(p);
            names.all().forEach(n -> publishers.add("", n));
            String es = names.show("es");
            if (es == null) es = p.isURI() ? labels.label(p, "es") : null;
            if (es == null) continue;
            String en = names.show("en") != null ? names.show("en") : es;
            facets.add(new FacetValue(Facet.PUBLISHER, p.isURI() ? p.getURI() : es, es, en));
        }
        texts.put(Field.PUBLISHER, publishers);
        texts.put(Field.COLUMN, columns(d, slug));
        for (Node k : objects(d, DCAT.keyword.asNode())) {
            if (!k.isLiteral() || k.getLiteralLexicalForm().isBlank()) continue;
            String lang = k.getLiteralLanguage();
            String v = k.getLiteralLexicalForm().strip();
            facets.add(new FacetValue(Facet.KEYWORD, v, lang.startsWith("en") ? null : v, lang.startsWith("es") ? null : v));
        }
        formats(d, facets);
        licences(d, facets);
        for (int year : years(d)) {
            facets.add(new FacetValue(Facet.YEAR, Integer.toString(year), Integer.toString(year), Integer.toString(year)));
        }
        Texts sourceTitle = literals(source, DCTerms.title.asNode());
        String sourceEs = sourceTitle.show("es") != null ? sourceTitle.show("es") : source.getURI();
        facets.add(new FacetValue(Facet.SOURCE, source.getURI(), sourceEs, sourceTitle.show("en") != null ? sourceTitle.show("en") : sourceEs));
        String modifiedText = null;
        long modified = Long.MIN_VALUE;
        List<Node> mods = objects(d, DCTerms.modified.asNode());
        if (mods.isEmpty()) {
            for (var it = catalog.find(Node.ANY, FOAF.primaryTopic.asNode(), d); it.hasNext(); ) {
                mods.addAll(objects(it.next().getSubject(), DCTerms.modified.asNode()));
            }
        }
        for (Node m : mods) {
            long t = epochMillis(m);
            if (t > modified) {
                modified = t;
                modifiedText = m.getLiteralLexicalForm();
            }
        }
        String url = slug != null ? "/dataset/" + slug : link(d);
        return new DatasetEntry(iri, slug, url, stamp(d), texts, facets, modified, modifiedText,
                slug != null ? iris.datasetGraph(slug).getURI() : null);
    }

    /** A harvested dataset is shown where it lives: its landing page, else its IRI. */
    private String link(Node d) {
        for (Node l : objects(d, DCAT.landingPage.asNode())) if (l.isURI()) return l.getURI();
        return d.getURI();
    }

    /**
     * The columns of its tables: the labels of the properties its graph uses (from the VoID property partitions of its
     * record, labels from any graph), their local names cut into words, and the column titles of its original table
     * (the CSVW metadata kept beside it).
     */
    private Texts columns(Node d, String slug) {
        Texts out = new Texts();
        for (Node part : objects(d, NodeFactory.createURI(VOID + "propertyPartition"))) {
            for (Node p : objects(part, NodeFactory.createURI(VOID + "property"))) {
                if (!p.isURI() || p.getURI().startsWith(RDF.getURI()) || p.getURI().startsWith(RDFS.getURI())
                        || p.getURI().startsWith(OWL.getURI())) continue;
                labels.all(p).forEach(l -> out.add(l));
                out.add("", words(p.getLocalName().isEmpty() ? p.getURI().replaceAll(".*[/#]", "") : p.getLocalName()));
            }
        }
        if (slug != null && files != null) {
            Path csvw = files.resolve(slug).resolve("csv-metadata.json");
            if (Files.isRegularFile(csvw)) {
                try {
                    JsonNode columns = JSON.readTree(csvw.toFile()).path("tableSchema").path("columns");
                    for (JsonNode c : columns) {
                        JsonNode titles = c.path("titles");
                        if (titles.isTextual()) out.add("", titles.asText());
                        else if (titles.isArray()) titles.forEach(t -> out.add("", t.asText()));
                        else if (titles.isObject()) titles.fields().forEachRemaining(e -> {
                            String lang = e.getKey().startsWith("en") ? "en" : e.getKey().startsWith("es") ? "es" : "";
                            if (e.getValue().isArray()) e.getValue().forEach(t -> out.add(lang, t.asText()));
                            else out.add(lang, e.getValue().asText());
                        });
                    }
                } catch (IOException e) {
                    // an unreadable CSVW file only costs the original column titles
                }
            }
        }
        return out;
    }

    /** {@code poblacionTotal} or {@code POB_TOTAL} as words: {@code poblacion Total}, {@code POB TOTAL}. */
    static String words(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').strip();
    }

    /** File types of its distributions: dct:format (an EU file-type code or a text), else the media type. */
    private void formats(Node d, List<FacetValue> facets) {
        Set<String> seen = new LinkedHashSet<>();
        for (Node dist : objects(d, DCAT.distribution.asNode())) {
            String code = null;
            for (Node f : objects(dist, DCTerms.format.asNode())) {
                code = f.isURI() ? f.getURI().replaceAll(".*[/#]", "") : f.isLiteral() ? f.getLiteralLexicalForm() : null;
                if (code != null) break;
            }
            if (code == null) {
                for (Node m : objects(dist, DCAT.mediaType.asNode())) {
                    code = m.isURI() ? m.getURI().replace(CatalogRecord.MEDIA_TYPE_BASE, "") : m.isLiteral() ? m.getLiteralLexicalForm() : null;
                    if (code != null) break;
                }
            }
            if (code == null || code.isBlank()) continue;
            code = code.strip().toUpperCase(java.util.Locale.ROOT);
            if (seen.add(code)) {
                String label = FORMAT_LABELS.getOrDefault(code, code.replace('_', ' '));
                facets.add(new FacetValue(Facet.FORMAT, code, label, label));
            }
        }
    }

    /** Its licence (dct:license of the dataset, else of its distributions), labelled from any graph. */
    private void licences(Node d, List<FacetValue> facets) {
        Set<Node> found = new LinkedHashSet<>(objects(d, DCTerms.license.asNode()));
        if (found.isEmpty()) {
            for (Node dist : objects(d, DCAT.distribution.asNode())) found.addAll(objects(dist, DCTerms.license.asNode()));
        }
        for (Node l : found) {
            if (!l.isURI()) continue;
            facets.add(new FacetValue(Facet.LICENCE, l.getURI(), labels.label(l, "es"), labels.label(l, "en")));
        }
    }

    /** Every year of its temporal coverage, from the start's year to the end's (at most 500 years). */
    private List<Integer> years(Node d) {
        TreeSet<Integer> years = new TreeSet<>();
        for (Node t : objects(d, DCTerms.temporal.asNode())) {
            Integer start = null;
            Integer end = null;
            for (Node p : List.of(DCAT.startDate.asNode(), NodeFactory.createURI(SCHEMA + "startDate"))) {
                for (Node v : objects(t, p)) if (year(v) != null) start = year(v);
            }
            for (Node p : List.of(DCAT.endDate.asNode(), NodeFactory.createURI(SCHEMA + "endDate"))) {
                for (Node v : objects(t, p)) if (year(v) != null) end = year(v);
            }
            if (start == null) start = end;
            if (end == null) end = start;
            if (start == null) continue;
            for (int y = Math.min(start, end); y <= Math.max(start, end) && years.size() < 500; y++) years.add(y);
        }
        return new ArrayList<>(years);
    }

    private static Integer year(Node v) {
        if (!v.isLiteral()) return null;
        var m = java.util.regex.Pattern.compile("^-?(\\d{4})").matcher(v.getLiteralLexicalForm().strip());
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    static long epochMillis(Node m) {
        if (!m.isLiteral()) return Long.MIN_VALUE;
        String s = m.getLiteralLexicalForm().strip();
        try {
            if (s.length() > 10) return OffsetDateTime.parse(s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? s : s + "Z").toInstant().toEpochMilli();
            return LocalDate.parse(s).atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e2) {
                return Long.MIN_VALUE;
            }
        }
    }

    private Texts literals(Node s, Node p) {
        Texts t = new Texts();
        for (Node o : objects(s, p)) t.add(o);
        return t;
    }

    private List<Node> objects(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        catalog.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }
}
