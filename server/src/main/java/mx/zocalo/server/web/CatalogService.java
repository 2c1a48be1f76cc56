package mx.zocalo.server.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;

/** Reads the catalog graph into plain values for pages, in one language. */
final class CatalogService {
    /** Downloads in page order; the original file (not listed) comes first. */
    private static final String VOID = "http://rdfs.org/ns/void#";
    private static final List<String> DISTRIBUTION_ORDER = List.of("ttl", "nt", "nq", "jsonld", "rdf", "csv-metadata.json");

    private final Store store;
    private final PortalIris iris;

    CatalogService(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    record Theme(String iri, String label) {}

    /** A download; {@code preparing}: an RDF download written after the publish that is not ready yet (no size yet). */
    record Distribution(String title, String url, String mediaType, String iri, boolean preparing) {}

    record DatasetSummary(String slug, String title, String description, String publisher, List<Theme> themes,
                          List<String> keywords) {}

    record DatasetDetail(DatasetSummary summary, String iri, String publisherHomepage, String license, String licenseLabel, String issued,
                         String modified, String temporalStart, String temporalEnd, String contactName,
                         String contactEmail, String rows, String triples, List<Distribution> distributions,
                         String sampleQuery, String originalFile) {}

    List<DatasetSummary> datasets(String lang) {
        return store.read(dsg -> {
            Model m = catalogModel(dsg);
            List<DatasetSummary> out = new ArrayList<>();
            m.listObjectsOfProperty(m.createResource(iris.catalog().getURI()), DCAT.dataset).forEach(n -> {
                if (n.isURIResource()) out.add(summary(dsg, m, n.asResource(), lang));
            });
            out.sort(Comparator.comparing(DatasetSummary::title, String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    /** A dataset harvested from another catalog: shown with a link to where it lives (its landing page, else its IRI). */
    record HarvestedDataset(String iri, String href, String title, String description, String publisher) {}

    /** A sub-catalog filled by {@code zocalo harvest}, with the datasets still present upstream. */
    record HarvestedCatalog(String iri, String title, String source, String homepage, String modified,
                            List<HarvestedDataset> datasets) {}

    /** The harvested sub-catalogs of the portal's catalog, by title; withdrawn datasets left out. */
    List<HarvestedCatalog> harvested(String lang) {
        return store.read(dsg -> {
            Model m = catalogModel(dsg);
            List<HarvestedCatalog> out = new ArrayList<>();
            m.listObjectsOfProperty(m.createResource(iris.catalog().getURI()), DCAT.catalog).forEach(n -> {
                if (!n.isURIResource()) return;
                Resource sub = n.asResource();
                List<HarvestedDataset> datasets = new ArrayList<>();
                m.listObjectsOfProperty(sub, DCAT.dataset).forEach(d -> {
                    if (!d.isURIResource()) return;
                    Resource ds = d.asResource();
                    if (m.contains(ds, m.createProperty(mx.zocalo.server.harvest.Harvester.ADMS_STATUS.getURI()),
                            m.createResource(mx.zocalo.server.harvest.Harvester.WITHDRAWN.getURI()))) return;
                    Resource pub = resource(ds, DCTerms.publisher);
                    String landing = uri(ds, DCAT.landingPage);
                    String title = text(ds, DCTerms.title, lang);
                    datasets.add(new HarvestedDataset(ds.getURI(), landing != null ? landing : ds.getURI(),
                            title != null ? title : ds.getURI(), text(ds, DCTerms.description, lang),
                            pub == null ? null : text(pub, FOAF.name, lang)));
                });
                datasets.sort(Comparator.comparing(HarvestedDataset::title, String.CASE_INSENSITIVE_ORDER));
                String title = text(sub, DCTerms.title, lang);
                out.add(new HarvestedCatalog(sub.getURI(), title != null ? title : uri(sub, DCTerms.source),
                        uri(sub, DCTerms.source), uri(sub, FOAF.homepage), text(sub, DCTerms.modified, lang), datasets));
            });
            out.sort(Comparator.comparing(c -> c.title() == null ? "" : c.title(), String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    Optional<DatasetDetail> dataset(String slug, String lang) {
        return store.read(dsg -> {
            Model m = catalogModel(dsg);
            Resource ds = m.createResource(iris.dataset(slug).getURI());
            if (!m.contains(ds, DCTerms.title)) return Optional.empty();
            List<Distribution> dists = new ArrayList<>();
            m.listObjectsOfProperty(ds, DCAT.distribution).forEach(n -> {
                Resource d = n.asResource();
                String url = uri(d, DCAT.downloadURL);
                String mt = uri(d, DCAT.mediaType);
                String ext = url == null ? "" : url.substring(url.lastIndexOf('/') + 1).replaceFirst("^[^.]*\\.", "");
                boolean preparing = mx.zocalo.server.catalog.RdfDownload.byExtension(ext) != null && !d.hasProperty(DCAT.byteSize);
                dists.add(new Distribution(text(d, DCTerms.title, lang), link(url),
                        mt == null ? "" : mt.replace("http://www.iana.org/assignments/media-types/", ""), link(d.getURI()), preparing));
            });
            dists.sort(Comparator.comparingInt(d -> DISTRIBUTION_ORDER.indexOf(d.url().substring(d.url().indexOf('.') + 1))));
            Resource pub = resource(ds, DCTerms.publisher);
            Resource temporal = resource(ds, DCTerms.temporal);
            Resource contact = resource(ds, DCAT.contactPoint);
            String originalFile = null;
            for (Statement s : m.listStatements(null, m.createProperty(iris.term("originalFile").getURI()), (RDFNode) null).toList()) {
                if (s.getSubject().getURI().startsWith(ds.getURI() + "/")) originalFile = s.getString();
            }
            String sample = text(ds, m.createProperty(iris.term("sampleQuery").getURI()), lang);
            if (sample == null) sample = "SELECT * WHERE { ?s ?p ?o } LIMIT 20";
            String email = contact == null ? null : uri(contact, VCARD4.hasEmail);
            return Optional.of(new DatasetDetail(
                    summary(dsg, m, ds, lang), ds.getURI(),
                    pub == null ? null : uri(pub, FOAF.homepage),
                    uri(ds, DCTerms.license),
                    uri(ds, DCTerms.license) == null ? null : label(dsg, NodeFactory.createURI(uri(ds, DCTerms.license)), lang),
                    text(ds, DCTerms.issued, lang), text(ds, DCTerms.modified, lang),
                    temporal == null ? null : text(temporal, DCAT.startDate, lang),
                    temporal == null ? null : text(temporal, DCAT.endDate, lang),
                    contact == null ? null : text(contact, VCARD4.fn, lang),
                    email == null ? null : email.replaceFirst("^mailto:", ""),
                    text(ds, m.createProperty(iris.term("rows").getURI()), lang),
                    text(ds, m.createProperty(iris.term("triples").getURI()), lang),
                    dists, sample, originalFile));
        });
    }

    /** The portal's withdrawn datasets ({@code zocalo unpublish}), by slug: kept in the catalog, not live. */
    List<mx.zocalo.server.catalog.WithdrawnRecord.Withdrawal> withdrawn(String lang) {
        return store.read(dsg -> {
            org.apache.jena.graph.Graph g = dsg.getGraph(iris.catalogGraph());
            List<mx.zocalo.server.catalog.WithdrawnRecord.Withdrawal> out = new ArrayList<>();
            for (String slug : mx.zocalo.server.catalog.WithdrawnRecord.slugs(g, iris)) {
                mx.zocalo.server.catalog.WithdrawnRecord.of(g, iris, slug, lang).ifPresent(out::add);
            }
            return out;
        });
    }

    /** A class of a dataset's things, with how many it has (from the VoID class partitions of its record). */
    record ClassCount(String iri, String label, long count) {}

    /** The classes of a dataset's things, the most numerous first; empty for a dataset published without VoID figures. */
    List<ClassCount> classes(String slug, String lang) {
        return store.read(dsg -> {
            Model m = catalogModel(dsg);
            List<ClassCount> out = new ArrayList<>();
            m.listObjectsOfProperty(m.createResource(iris.dataset(slug).getURI()), m.createProperty(VOID + "classPartition")).forEach(n -> {
                if (!n.isResource()) return;
                String c = uri(n.asResource(), m.createProperty(VOID + "class"));
                Statement entities = n.asResource().getProperty(m.createProperty(VOID + "entities"));
                if (c == null || entities == null || !entities.getObject().isLiteral()) return;
                out.add(new ClassCount(c, label(dsg, NodeFactory.createURI(c), lang), entities.getLong()));
            });
            out.sort(Comparator.comparingLong((ClassCount c) -> -c.count()).thenComparing(ClassCount::label, String.CASE_INSENSITIVE_ORDER));
            return out;
        });
    }

    boolean hasDataset(String slug) {
        return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), Node.ANY, Node.ANY));
    }

    private DatasetSummary summary(DatasetGraph dsg, Model m, Resource ds, String lang) {
        String slug = ds.getURI().substring(iris.dataset("").getURI().length());
        Resource pub = resource(ds, DCTerms.publisher);
        List<Theme> themes = new ArrayList<>();
        m.listObjectsOfProperty(ds, DCAT.theme).forEach(t -> {
            if (t.isURIResource()) themes.add(new Theme(t.asResource().getURI(), label(dsg, t.asNode(), lang)));
        });
        List<String> keywords = new ArrayList<>();
        m.listObjectsOfProperty(ds, DCAT.keyword).forEach(k -> {
            if (k.isLiteral() && lang.equals(k.asLiteral().getLanguage())) keywords.add(k.asLiteral().getLexicalForm());
        });
        return new DatasetSummary(slug, text(ds, DCTerms.title, lang), text(ds, DCTerms.description, lang),
                pub == null ? null : text(pub, FOAF.name, lang), themes, keywords);
    }

    /** A label for a theme, licence or other term, from any graph (the vocabularies hold most), else the IRI's last part. */
    private String label(DatasetGraph dsg, Node term, String lang) {
        for (Node p : List.of(SKOS.prefLabel.asNode(), RDFS.label.asNode(), DCTerms.title.asNode())) {
            String fallback = null;
            var it = dsg.find(Node.ANY, term, p, Node.ANY);
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (!o.isLiteral()) continue;
                if (lang.equals(o.getLiteralLanguage())) return o.getLiteralLexicalForm();
                if (fallback == null || "es".equals(o.getLiteralLanguage())) fallback = o.getLiteralLexicalForm();
            }
            if (fallback != null) return fallback;
        }
        String u = term.getURI();
        String last = u.replaceAll("[/#]+$", "");
        return last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf('#')) + 1);
    }

    private Model catalogModel(DatasetGraph dsg) {
        return ModelFactory.createModelForGraph(dsg.getGraph(iris.catalogGraph()));
    }

    /** A local link for IRIs under the base (so pages work whatever host serves them), else the IRI. */
    String link(String iri) {
        if (iri == null) return null;
        String local = iris.localPath(iri);
        return local != null ? local : iri;
    }

    static Resource resource(Resource s, org.apache.jena.rdf.model.Property p) {
        Statement st = s.getProperty(p);
        return st != null && st.getObject().isResource() ? st.getObject().asResource() : null;
    }

    static String uri(Resource s, org.apache.jena.rdf.model.Property p) {
        Statement st = s.getProperty(p);
        return st != null && st.getObject().isURIResource() ? st.getObject().asResource().getURI() : null;
    }

    /** A literal value in {@code lang}, else Spanish, else one without language, else any. */
    static String text(Resource s, org.apache.jena.rdf.model.Property p, String lang) {
        String es = null;
        String plain = null;
        String any = null;
        for (Statement st : s.listProperties(p).toList()) {
            if (!st.getObject().isLiteral()) continue;
            Literal l = st.getLiteral();
            if (lang.equals(l.getLanguage())) return l.getLexicalForm();
            if ("es".equals(l.getLanguage())) es = l.getLexicalForm();
            else if (l.getLanguage().isEmpty()) plain = l.getLexicalForm();
            else any = l.getLexicalForm();
        }
        return es != null ? es : plain != null ? plain : any;
    }
}
