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
    public static final String FILE_TYPE_BASE = "http://publications.europa.eu/resource/authority/file-type/";
    public static final String LANGUAGE_BASE = "http://publications.europa.eu/resource/authority/language/";
    public static final String DATA_THEME_SCHEME = "http://publications.europa.eu/resource/authority/data-theme";
    static final String ADMS = "http://www.w3.org/ns/adms#";
    static final String DCATAP = "http://data.europa.eu/r5r/";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String VOID = "http://rdfs.org/ns/void#";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final Node STATUS_COMPLETED = NodeFactory.createURI("http://purl.org/adms/status/Completed");
    static final Node AVAILABILITY_STABLE = NodeFactory.createURI("http://publications.europa.eu/resource/authority/planned-availability/STABLE");
    static final Node CC0 = NodeFactory.createURI("http://creativecommons.org/publicdomain/zero/1.0/");

    private final PortalIris iris;
    private final DatasetDescription d;
    private final Statistics stats;
    private final List<Triple> triples = new ArrayList<>();

    /**
     * What publishing measured: rows read, triples stored, the original file's name, the source fingerprint, a first
     * query; the size and SHA-256 of the original file and of each RDF dump (by extension); the VoID figures.
     */
    public record Statistics(long rows, long triples, String originalFileName, String sha256, Instant published,
                             String sampleQuery, FileFacts original, Map<String, FileFacts> dumps, VoidStats voidStats,
                             FileFacts csvw) {
        public Statistics(long rows, long triples, String originalFileName, String sha256, Instant published, String sampleQuery) {
            this(rows, triples, originalFileName, sha256, published, sampleQuery, null, Map.of(), null, null);
        }
    }

    /** A file's size in bytes and its SHA-256 in lower-case hex. */
    public record FileFacts(long bytes, String sha256) {}

    /**
     * VoID figures of a dataset's graph: distinct subjects, and triples per class (instances) and per property.
     */
    public record VoidStats(long entities, long distinctSubjects, long distinctObjects, Map<String, Long> classes,
                            Map<String, Long> properties) {}

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
        Node home = NodeFactory.createURI(iris.base());
        Node portal = iris.publisher("portal");
        t.add(Triple.create(cat, RDF.type.asNode(), DCAT.Catalog.asNode()));
        t.add(Triple.create(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Catálogo de datos abiertos Zócalo", "es")));
        t.add(Triple.create(cat, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Zócalo open data catalog", "en")));
        t.add(Triple.create(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Datos abiertos enlazados: tablas publicadas como RDF y descritas con DCAT.", "es")));
        t.add(Triple.create(cat, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Linked open data: tables published as RDF and described with DCAT.", "en")));
        t.add(Triple.create(cat, FOAF.homepage.asNode(), home));
        t.add(Triple.create(home, RDF.type.asNode(), FOAF.Document.asNode()));
        t.add(Triple.create(cat, DCTerms.publisher.asNode(), portal));
        t.add(Triple.create(portal, RDF.type.asNode(), FOAF.Agent.asNode()));
        t.add(Triple.create(portal, FOAF.name.asNode(), NodeFactory.createLiteralLang("Portal de datos abiertos Zócalo", "es")));
        t.add(Triple.create(portal, FOAF.name.asNode(), NodeFactory.createLiteralLang("Zócalo open data portal", "en")));
        t.add(Triple.create(portal, FOAF.homepage.asNode(), home));
        for (String code : List.of("SPA", "ENG")) {
            Node language = NodeFactory.createURI(LANGUAGE_BASE + code);
            t.add(Triple.create(cat, DCTerms.language.asNode(), language));
            t.add(Triple.create(language, RDF.type.asNode(), DCTerms.LinguisticSystem.asNode()));
        }
        // the catalog's own metadata is free for any use; each dataset says its own licence
        t.add(Triple.create(cat, DCTerms.license.asNode(), CC0));
        t.add(Triple.create(CC0, RDF.type.asNode(), DCTerms.LicenseDocument.asNode()));
        Node taxonomy = NodeFactory.createURI(DATA_THEME_SCHEME);
        t.add(Triple.create(cat, DCAT.themeTaxonomy.asNode(), taxonomy));
        t.add(Triple.create(taxonomy, RDF.type.asNode(), NodeFactory.createURI(SKOS + "ConceptScheme")));
        t.add(Triple.create(taxonomy, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Temas de datos de la UE", "es")));
        t.add(Triple.create(taxonomy, DCTerms.title.asNode(), NodeFactory.createLiteralLang("EU data themes", "en")));
        t.add(Triple.create(cat, DCAT.service.asNode(), service));
        t.add(Triple.create(service, RDF.type.asNode(), DCAT.DataService.asNode()));
        t.add(Triple.create(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Punto de consulta SPARQL", "es")));
        t.add(Triple.create(service, DCTerms.title.asNode(), NodeFactory.createLiteralLang("SPARQL endpoint", "en")));
        t.add(Triple.create(service, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Consultas SPARQL 1.1 de solo lectura sobre todos los conjuntos de datos del portal.", "es")));
        t.add(Triple.create(service, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "Read-only SPARQL 1.1 queries over every dataset of the portal.", "en")));
        t.add(Triple.create(service, DCAT.endpointURL.asNode(), service));
        t.add(Triple.create(service, DCAT.endpointDescription.asNode(), iris.iri(".well-known/void")));
        t.add(Triple.create(service, DCTerms.publisher.asNode(), portal));
        Node protocol = NodeFactory.createURI("https://www.w3.org/TR/sparql11-protocol/");
        t.add(Triple.create(service, DCTerms.conformsTo.asNode(), protocol));
        t.add(Triple.create(protocol, RDF.type.asNode(), DCTerms.Standard.asNode()));
        t.add(Triple.create(protocol, DCTerms.title.asNode(), NodeFactory.createLiteralLang("SPARQL 1.1 Protocol", "en")));
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
            Node t = NodeFactory.createURI(theme.contains(":") ? theme : THEME_BASE + theme.toUpperCase(Locale.ROOT));
            add(ds, DCAT.theme.asNode(), t);
            add(t, RDF.type.asNode(), NodeFactory.createURI(SKOS + "Concept"));
            if (t.getURI().startsWith(THEME_BASE)) add(t, NodeFactory.createURI(SKOS + "inScheme"), NodeFactory.createURI(DATA_THEME_SCHEME));
            themeLabels().find(t, NodeFactory.createURI(SKOS + "prefLabel"), Node.ANY).forEachRemaining(triples::add);
            if (!themeLabels().contains(t, NodeFactory.createURI(SKOS + "prefLabel"), Node.ANY)) {
                add(t, NodeFactory.createURI(SKOS + "prefLabel"), NodeFactory.createLiteralString(t.getURI().substring(t.getURI().lastIndexOf('/') + 1)));
            }
        }
        if (d.accrualPeriodicity() != null) {
            String f = d.accrualPeriodicity();
            Node frequency = NodeFactory.createURI(f.contains(":") ? f : FREQUENCY_BASE + f.toUpperCase(Locale.ROOT));
            add(ds, DCTerms.accrualPeriodicity.asNode(), frequency);
            add(frequency, RDF.type.asNode(), DCTerms.Frequency.asNode());
        }
        if (d.spatial() != null) {
            Node place = NodeFactory.createURI(d.spatial());
            add(ds, DCTerms.spatial.asNode(), place);
            add(place, RDF.type.asNode(), DCTerms.Location.asNode());
        }
        // everything the portal publishes is open to all
        Node publicAccess = NodeFactory.createURI("http://publications.europa.eu/resource/authority/access-right/PUBLIC");
        add(ds, DCTerms.accessRights.asNode(), publicAccess);
        add(publicAccess, RDF.type.asNode(), DCTerms.RightsStatement.asNode());
        Node landing = NodeFactory.createURI(ds.getURI() + ".html");
        add(ds, DCAT.landingPage.asNode(), landing);
        add(landing, RDF.type.asNode(), FOAF.Document.asNode());
        for (String code : List.of("SPA")) {
            Node language = NodeFactory.createURI(LANGUAGE_BASE + code);
            add(ds, DCTerms.language.asNode(), language);
            add(language, RDF.type.asNode(), DCTerms.LinguisticSystem.asNode());
        }
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
        voidDescription(ds);

        Node rec = iris.record(slug);
        add(rec, RDF.type.asNode(), DCAT.CatalogRecord.asNode());
        add(rec, FOAF.primaryTopic.asNode(), ds);
        add(rec, DCTerms.modified.asNode(), NodeFactory.createLiteralDT(stats.published().toString(), XSDDatatype.XSDdateTime));
        add(rec, NodeFactory.createURI(ADMS + "status"), STATUS_COMPLETED);
        concept(STATUS_COMPLETED, "Completado", "Completed");
        add(rec, iris.term("sourceSha256"), NodeFactory.createLiteralString(stats.sha256()));
        if (d.organisation() != null) add(rec, iris.term("organisation"), NodeFactory.createLiteralString(d.organisation()));
    }

    private void distributions(Node ds) {
        String slug = d.slug();
        String originalExt = extension(stats.originalFileName());
        Node orig = iris.distribution(slug, originalExt);
        add(ds, DCAT.distribution.asNode(), orig);
        add(orig, RDF.type.asNode(), DCAT.Distribution.asNode());
        String sourceTitle = d.source().title() != null ? d.source().title() : stats.originalFileName();
        add(orig, DCTerms.title.asNode(), NodeFactory.createLiteralString(sourceTitle));
        add(orig, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                "El archivo original, tal como lo entregó quien publica los datos.", "es"));
        add(orig, DCTerms.description.asNode(), NodeFactory.createLiteralLang("The original file, as the publisher supplied it.", "en"));
        String mt = d.source().mediaType() != null ? d.source().mediaType() : guessMediaType(originalExt);
        common(orig, iris.download(slug, originalExt), mt, fileType(originalExt), stats.original());
        add(orig, iris.term("originalFile"), NodeFactory.createLiteralString(stats.originalFileName()));
        for (RdfDownload f : RdfDownload.values()) {
            if (!f.distribution()) continue;
            Node dist = iris.distribution(slug, f.ext());
            add(ds, DCAT.distribution.asNode(), dist);
            add(dist, RDF.type.asNode(), DCAT.Distribution.asNode());
            add(dist, DCTerms.title.asNode(), NodeFactory.createLiteralString(f.label()));
            add(dist, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                    "Todos los datos del conjunto como RDF, en " + f.label() + ".", "es"));
            add(dist, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                    "All the data of the dataset as RDF, in " + f.label() + ".", "en"));
            common(dist, iris.download(slug, f.ext()), f.mediaType(), fileType(f.ext()), stats.dumps().get(f.ext()));
            add(dist, DCAT.accessService.asNode(), iris.sparqlService());
        }
        if (stats.csvw() != null) {
            Node csvw = iris.distribution(slug, "csvw");
            add(ds, DCAT.distribution.asNode(), csvw);
            add(csvw, RDF.type.asNode(), DCAT.Distribution.asNode());
            add(csvw, DCTerms.title.asNode(), NodeFactory.createLiteralString("CSVW"));
            add(csvw, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                    "Metadatos CSV on the Web (W3C) del archivo original: columnas, títulos y tipos de datos.", "es"));
            add(csvw, DCTerms.description.asNode(), NodeFactory.createLiteralLang(
                    "W3C CSV on the Web metadata of the original file: columns, titles and datatypes.", "en"));
            common(csvw, iris.download(slug, CSVW_EXTENSION), "application/csvm+json", "JSON", stats.csvw());
            Node standard = NodeFactory.createURI("http://www.w3.org/ns/csvw");
            add(csvw, DCTerms.conformsTo.asNode(), standard);
            add(standard, RDF.type.asNode(), DCTerms.Standard.asNode());
        }
    }

    /** The download extension of a dataset's CSVW metadata: {@code /download/{slug}.csv-metadata.json}. */
    public static final String CSVW_EXTENSION = "csv-metadata.json";

    /** What every distribution has: URLs, format, media type, licence, status, size and checksum when known. */
    private void common(Node dist, Node url, String mediaType, String fileType, FileFacts facts) {
        add(dist, DCAT.downloadURL.asNode(), url);
        add(dist, DCAT.accessURL.asNode(), url);
        Node media = NodeFactory.createURI(MEDIA_TYPE_BASE + mediaType);
        add(dist, DCAT.mediaType.asNode(), media);
        add(media, RDF.type.asNode(), DCTerms.MediaType.asNode());
        if (fileType != null) {
            Node format = NodeFactory.createURI(FILE_TYPE_BASE + fileType);
            add(dist, DCTerms.format.asNode(), format);
            add(format, RDF.type.asNode(), DCTerms.MediaTypeOrExtent.asNode());
        }
        if (d.license() != null) add(dist, DCTerms.license.asNode(), NodeFactory.createURI(d.license()));
        add(dist, NodeFactory.createURI(DCATAP + "availability"), AVAILABILITY_STABLE);
        concept(AVAILABILITY_STABLE, "Estable", "Stable");
        add(dist, NodeFactory.createURI(ADMS + "status"), STATUS_COMPLETED);
        concept(STATUS_COMPLETED, "Completado", "Completed");
        // an RDF download written after the publish (publish.DownloadJobs) gets its size and checksum when it is ready
        if (facts != null) triples.addAll(facts(dist, facts));
    }

    /** A distribution's {@code dcat:byteSize} and {@code spdx:checksum} (SHA-256) of {@code facts}. */
    public static List<Triple> facts(Node dist, FileFacts facts) {
        List<Triple> t = new ArrayList<>();
        t.add(Triple.create(dist, DCAT.byteSize.asNode(), NodeFactory.createLiteralDT(Long.toString(facts.bytes()), XSDDatatype.XSDnonNegativeInteger)));
        Node checksum = NodeFactory.createURI(dist.getURI() + "#checksum");
        t.add(Triple.create(dist, NodeFactory.createURI(SPDX + "checksum"), checksum));
        t.add(Triple.create(checksum, RDF.type.asNode(), NodeFactory.createURI(SPDX + "Checksum")));
        t.add(Triple.create(checksum, NodeFactory.createURI(SPDX + "algorithm"), NodeFactory.createURI(SPDX + "checksumAlgorithm_sha256")));
        t.add(Triple.create(checksum, NodeFactory.createURI(SPDX + "checksumValue"), NodeFactory.createLiteralDT(facts.sha256(), XSDDatatype.XSDhexBinary)));
        return t;
    }

    /** The EU file-type authority code for a download extension, or null. */
    static String fileType(String ext) {
        return switch (ext) {
            case "csv" -> "CSV";
            case "csv.gz" -> "GZIP";
            case "xlsx" -> "XLSX";
            case "xls" -> "XLS";
            case "json" -> "JSON";
            case "geojson" -> "GEOJSON";
            case "ttl" -> "RDF_TURTLE";
            case "nt" -> "RDF_N_TRIPLES";
            case "nq" -> "RDF_N_QUADS";
            case "jsonld" -> "JSON_LD";
            case "rdf" -> "RDF_XML";
            default -> null;
        };
    }

    /**
     * The dataset is also a void:Dataset (its graph's contents): triples, entities, class and property
     * partitions, the SPARQL endpoint and the N-Triples dump.
     */
    private void voidDescription(Node ds) {
        String slug = d.slug();
        add(ds, RDF.type.asNode(), NodeFactory.createURI(VOID + "Dataset"));
        add(ds, NodeFactory.createURI(VOID + "sparqlEndpoint"), iris.sparqlService());
        add(ds, NodeFactory.createURI(VOID + "dataDump"), iris.download(slug, "nt"));
        add(ds, NodeFactory.createURI(VOID + "uriSpace"), NodeFactory.createLiteralString(iris.base() + "id/"));
        add(ds, NodeFactory.createURI(VOID + "triples"), integer(stats.triples()));
        VoidStats v = stats.voidStats();
        if (v == null) return;
        add(ds, NodeFactory.createURI(VOID + "entities"), integer(v.entities()));
        add(ds, NodeFactory.createURI(VOID + "distinctSubjects"), integer(v.distinctSubjects()));
        add(ds, NodeFactory.createURI(VOID + "distinctObjects"), integer(v.distinctObjects()));
        add(ds, NodeFactory.createURI(VOID + "classes"), integer(v.classes().size()));
        add(ds, NodeFactory.createURI(VOID + "properties"), integer(v.properties().size()));
        int i = 0;
        for (Map.Entry<String, Long> e : v.classes().entrySet()) {
            Node part = NodeFactory.createURI(ds.getURI() + "/void/class/" + (++i));
            add(ds, NodeFactory.createURI(VOID + "classPartition"), part);
            add(part, NodeFactory.createURI(VOID + "class"), NodeFactory.createURI(e.getKey()));
            add(part, NodeFactory.createURI(VOID + "entities"), integer(e.getValue()));
        }
        i = 0;
        for (Map.Entry<String, Long> e : v.properties().entrySet()) {
            Node part = NodeFactory.createURI(ds.getURI() + "/void/property/" + (++i));
            add(ds, NodeFactory.createURI(VOID + "propertyPartition"), part);
            add(part, NodeFactory.createURI(VOID + "property"), NodeFactory.createURI(e.getKey()));
            add(part, NodeFactory.createURI(VOID + "triples"), integer(e.getValue()));
        }
    }

    /** A SKOS concept of an authority table the record points to, with its labels (DCAT-AP wants them). */
    private void concept(Node c, String es, String en) {
        add(c, RDF.type.asNode(), NodeFactory.createURI(SKOS + "Concept"));
        add(c, NodeFactory.createURI(SKOS + "prefLabel"), NodeFactory.createLiteralLang(es, "es"));
        add(c, NodeFactory.createURI(SKOS + "prefLabel"), NodeFactory.createLiteralLang(en, "en"));
    }

    private static org.apache.jena.graph.Graph themes;

    /** The EU data themes with their Spanish and English labels, from the vocabularies module. */
    static synchronized org.apache.jena.graph.Graph themeLabels() {
        if (themes == null) {
            org.apache.jena.graph.Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            try (var in = CatalogRecord.class.getResourceAsStream("/zocalo/vocabularies/themes.ttl")) {
                if (in != null) org.apache.jena.riot.RDFParser.source(in).lang(org.apache.jena.riot.Lang.TURTLE).parse(g);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            themes = g;
        }
        return themes;
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
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
            case "geojson" -> "application/geo+json";
            default -> "application/octet-stream";
        };
    }

    static String slugOf(String name) {
        String n = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return n.replaceAll("^-|-$", "");
    }
}
