package mx.zocalo.server.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VCARD4;

/**
 * The DCAT description of one published dataset: the dcat:Dataset, its dcat:CatalogRecord, one
 * dcat:Distribution per download, the publisher, contact, themes, keywords, licence and coverage.
 * Everything it mints lives under {@code {base}dataset/{slug}}, so a republish can remove it by prefix.
 */
public final class CatalogRecord {
    public static final String THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/";
    public static final String FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/";
    public static final String MEDIA_TYPE_BASE = "http://www.iana.org/assignments/media-types/";

    private final PortalIris iris;
    private final DatasetDescription d;
    private final Statistics stats;
    private final List<Triple> triples = new ArrayList<>();

    /** What publishing measured: rows read, triples stored, the original file's name, the source fingerprint, a first query. */
    public record Statistics(long rows, long triples, String originalFileName, String sha256, Instant published,
                             String sampleQuery) {}

    private CatalogRecord(PortalIris iris, DatasetDescription d, Statistics stats) {
        this.iris = iris;
        this.d = d;
        this.stats = stats;
    }

    /** The triples of the record, for the catalog graph. */
    public static List<Triple> build(PortalIris iris, DatasetDescription description, Statistics stats) {
        CatalogRecord r = new CatalogRecord(iris, description, stats);
        r.dataset();
        return r.triples;
    }

    /** The triples describing the catalog itself and the SPARQL service; the same on every publish. */
    public static List<Triple> catalog(PortalIris iris) {
        List<Triple> t = new ArrayList<>();
        Node cat = iris.catalog();
        Node service = iris.sparqlService();
        t.add(Triple.create(cat, RDF.type.asNode(), DCAT.Catalog.asNode()));
        t.add(Triple.create(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Catálogo de datos abiertos Zócalo", "es")));
        t.add(Triple.create(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Zócalo open data catalog", "en")));
        t.add(Triple.create(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Datos abiertos enlazados: tablas publicadas como RDF y descritas con DCAT.", "es")));
        t.add(Triple.create(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Linked open data: tables published as RDF and described with DCAT.", "en")));
        t.add(Triple.create(cat, FOAF.homepage.asNode(), NodeFactory.createURI(iris.base())));
        t.add(Triple.create(cat, DCAT.service.asNode(), service));
        t.add(Triple.create(service, RDF.type.asNode(), DCAT.DataService.asNode()));
        t.add(Triple.create(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Punto de consulta SPARQL", "es")));
        t.add(Triple.create(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("SPARQL endpoint", "en")));
        t.add(Triple.create(service, DCAT.endpointURL.asNode(), service));
        t.add(Triple.create(service, DCTerms.conformsTo.asNode(), NodeFactory.createURI("https://www.w3.org/TR/sparql11-protocol/")));
        return t;
    }

    private void dataset() {
        String slug = d.slug();
        Node ds = iris.dataset(slug);
        add(iris.catalog(), DCAT.dataset.asNode(), ds);
        add(iris.catalog(), DCAT.record.asNode(), iris.record(slug));
        add(iris.sparqlService(), DCAT.servesDataset.asNode(), ds);

        add(ds, RDF.type.asNode(), DCAT.Dataset.asNode());
        langs(ds, DCTerms.title.asNode(), d.title());
        langs(ds, DCTerms.description.asNode(), d.description());
        add(ds, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(slug));
        date(ds, DCTerms.issued.asNode(), d.issued());
        date(ds, DCTerms.modified.asNode(), d.modified());
        for (Map.Entry<String, List<String>> e : d.keywords().entrySet()) {
            for (String k : e.getValue()) add(ds, DCAT.keyword.asNode(), NodeFactory.createLiteralLang(k, e.getKey()));
        }
        for (String theme : d.themes()) {
            add(ds, DCAT.theme.asNode(), NodeFactory.createURI(theme.contains(":") ? theme : THEME_BASE + theme.toUpperCase(Locale.ROOT)));
        }
        if (d.accrualPeriodicity() != null) {
            String f = d.accrualPeriodicity();
            add(ds, DCTerms.accrualPeriodicity.asNode(), NodeFactory.createURI(f.contains(":") ? f : FREQUENCY_BASE + f.toUpperCase(Locale.ROOT)));
        }
        if (d.spatial() != null) add(ds, DCTerms.spatial.asNode(), NodeFactory.createURI(d.spatial()));
        if (d.license() != null) {
            Node lic = NodeFactory.createURI(d.license());
            add(ds, DCTerms.license.asNode(), lic);
            add(lic, RDF.type.asNode(), DCTerms.LicenseDocument.asNode());
        }
        publisher(ds);
        contact(ds);
        temporal(ds);
        if (stats.sampleQuery() != null) add(ds, iris.term("sampleQuery"), NodeFactory.createLiteralString(stats.sampleQuery()));
        add(ds, iris.term("namedGraph"), iris.datasetGraph(slug));
        add(ds, RDFS.seeAlso.asNode(), iris.datasetGraph(slug));
        add(ds, iris.term("rows"), NodeFactory.createLiteralDT(Long.toString(stats.rows()), XSDDatatype.XSDinteger));
        add(ds, iris.term("triples"), NodeFactory.createLiteralDT(Long.toString(stats.triples()), XSDDatatype.XSDinteger));
        distributions(ds);

        Node rec = iris.record(slug);
        add(rec, RDF.type.asNode(), DCAT.CatalogRecord.asNode());
        add(rec, FOAF.primaryTopic.asNode(), ds);
        add(rec, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(stats.published().toString(), XSDDatatype.XSDdateTime));
        add(rec, iris.term("sourceSha256"), NodeFactory.createLiteralString(stats.sha256()));
    }

    private void distributions(Node ds) {
        String slug = d.slug();
        String originalExt = extension(stats.originalFileName());
        Node orig = iris.distribution(slug, originalExt);
        add(ds, DCAT.distribution.asNode(), orig);
        add(orig, RDF.type.asNode(), DCAT.Distribution.asNode());
        String sourceTitle = d.source().title() != null ? d.source().title() : stats.originalFileName();
        add(orig, DCTerms.title.asNode(), NodeFactory.createLiteralString(sourceTitle));
        add(orig, DCAT.downloadURL.asNode(), iris.download(slug, originalExt));
        add(orig, DCAT.accessURL.asNode(), iris.download(slug, originalExt));
        String mt = d.source().mediaType() != null ? d.source().mediaType() : guessMediaType(originalExt);
        add(orig, DCAT.mediaType.asNode(), NodeFactory.createURI(MEDIA_TYPE_BASE + mt));
        add(orig, iris.term("originalFile"), NodeFactory.createLiteralString(stats.originalFileName()));
        if (d.license() != null) add(orig, DCTerms.license.asNode(), NodeFactory.createURI(d.license()));
        for (RdfDownload f : RdfDownload.values()) {
            Node dist = iris.distribution(slug, f.ext());
            add(ds, DCAT.distribution.asNode(), dist);
            add(dist, RDF.type.asNode(), DCAT.Distribution.asNode());
            add(dist, DCTerms.title.asNode(), NodeFactory.createLiteralString(f.label()));
            add(dist, DCAT.downloadURL.asNode(), iris.download(slug, f.ext()));
            add(dist, DCAT.accessURL.asNode(), iris.download(slug, f.ext()));
            add(dist, DCAT.mediaType.asNode(), NodeFactory.createURI(MEDIA_TYPE_BASE + f.mediaType()));
            add(dist, DCAT.accessService.asNode(), iris.sparqlService());
            if (d.license() != null) add(dist, DCTerms.license.asNode(), NodeFactory.createURI(d.license()));
        }
    }

    private void publisher(Node ds) {
        if (d.publisher() == null) return;
        Node agent = iris.publisher(slugOf(d.publisher().name()));
        add(ds, DCTerms.publisher.asNode(), agent);
        add(agent, RDF.type.asNode(), FOAF.Agent.asNode());
        add(agent, FOAF.name.asNode(), NodeFactory.createLiteralString(d.publisher().name()));
        if (d.publisher().homepage() != null) add(agent, FOAF.homepage.asNode(), NodeFactory.createURI(d.publisher().homepage()));
    }

    private void contact(Node ds) {
        if (d.contact() == null) return;
        Node card = NodeFactory.createURI(ds.getURI() + "#contact");
        add(ds, DCAT.contactPoint.asNode(), card);
        add(card, RDF.type.asNode(), VCARD4.Kind.asNode());
        if (d.contact().name() != null) add(card, VCARD4.fn.asNode(), NodeFactory.createLiteralString(d.contact().name()));
        if (d.contact().email() != null) add(card, VCARD4.hasEmail.asNode(), NodeFactory.createURI("mailto:" + d.contact().email()));
        if (d.contact().url() != null) add(card, VCARD4.hasURL.asNode(), NodeFactory.createURI(d.contact().url()));
    }

    private void temporal(Node ds) {
        if (d.temporalStart() == null && d.temporalEnd() == null) return;
        Node t = NodeFactory.createURI(ds.getURI() + "#temporal");
        add(ds, DCTerms.temporal.asNode(), t);
        add(t, RDF.type.asNode(), DCTerms.PeriodOfTime.asNode());
        date(t, DCAT.startDate.asNode(), d.temporalStart());
        date(t, DCAT.endDate.asNode(), d.temporalEnd());
    }

    private void langs(Node s, Node p, Map<String, String> byLang) {
        byLang.forEach((lang, text) -> add(s, p, NodeFactory.createLiteralLang(text, lang)));
    }

    private void date(Node s, Node p, LocalDate date) {
        if (date != null) add(s, p, NodeFactory.createLiteralDT(date.toString(), XSDDatatype.XSDdate));
    }

    private void add(Node s, Node p, Node o) {
        triples.add(Triple.create(s, p, o));
    }

    /** The extension of a file name; {@code .csv.gz} counts as one. */
    public static String extension(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv.gz")) return "csv.gz";
        int dot = lower.lastIndexOf('.');
        return dot < 0 ? "bin" : lower.substring(dot + 1);
    }

    public static String guessMediaType(String ext) {
        return switch (ext) {
            case "csv" -> "text/csv";
            case "csv.gz" -> "application/gzip";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "xls" -> "application/vnd.ms-excel";
            case "json" -> "application/json";
            default -> "application/octet-stream";
        };
    }

    static String slugOf(String name) {
        String n = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return n.replaceAll("^-|-$", "");
    }
}
