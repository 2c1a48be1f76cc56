package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;

/** What crawlers and linked-data clients look for first: {@code /robots.txt}, {@code /sitemap.xml}, {@code /.well-known/void}. */
final class Discovery {
    private static final String VOID = "http://rdfs.org/ns/void#";
    private final Store store;
    private final PortalIris iris;
    private final RdfResponses rdf;

    Discovery(Store store, PortalIris iris, RdfResponses rdf) {
        this.store = store;
        this.iris = iris;
        this.rdf = rdf;
    }

    void robots(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("User-agent: *\nAllow: /\n# queries are for people and programs, not for crawling\nDisallow: /sparql\n"
                + "Sitemap: " + iris.base() + "sitemap.xml\n");
    }

    void sitemap(Context ctx) {
        record Entry(String loc, String lastmod) {}
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(iris.base(), null));
        entries.add(new Entry(iris.base() + "catalog", null));
        store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            g.find(iris.catalog(), DCAT.dataset.asNode(), Node.ANY).forEachRemaining(t -> {
                Node ds = t.getObject();
                if (!ds.isURI() || iris.localPath(ds.getURI()) == null) return;
                String lastmod = null;
                var m = g.find(ds, DCTerms.modified.asNode(), Node.ANY);
                if (m.hasNext()) lastmod = m.next().getObject().getLiteralLexicalForm();
                entries.add(new Entry(ds.getURI(), lastmod));
            });
            return null;
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (Entry e : entries) {
            xml.append("  <url><loc>").append(escape(e.loc())).append("</loc>");
            if (e.lastmod() != null) xml.append("<lastmod>").append(escape(e.lastmod())).append("</lastmod>");
            xml.append("</url>\n");
        }
        xml.append("</urlset>\n");
        ctx.contentType("application/xml; charset=utf-8");
        ctx.result(xml.toString());
    }

    /**
     * The VoID description of the whole portal: the portal's data as one void:Dataset with each published dataset
     * (and its figures, partitions included) as a subset, the SPARQL endpoint and the catalog.
     */
    void wellKnownVoid(Context ctx) {
        String type = Negotiate.type(ctx, RdfResponses.DATA_TYPES_WITHOUT_HTML);
        Graph out = GraphFactory.createDefaultGraph();
        Node doc = iris.iri(".well-known/void");
        Node portal = iris.iri(".well-known/void#portal");
        Node voidNs = NodeFactory.createURI(VOID);
        store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            out.add(Triple.create(doc, RDF.type.asNode(), NodeFactory.createURI(VOID + "DatasetDescription")));
            out.add(Triple.create(doc, DCTerms.title.asNode(), NodeFactory.createLiteralLang("Descripción VoID del portal", "es")));
            out.add(Triple.create(doc, DCTerms.title.asNode(), NodeFactory.createLiteralLang("VoID description of the portal", "en")));
            out.add(Triple.create(doc, NodeFactory.createURI("http://xmlns.com/foaf/0.1/primaryTopic"), portal));
            out.add(Triple.create(portal, RDF.type.asNode(), NodeFactory.createURI(VOID + "Dataset")));
            g.find(iris.catalog(), DCTerms.title.asNode(), Node.ANY).forEachRemaining(t -> out.add(Triple.create(portal, t.getPredicate(), t.getObject())));
            out.add(Triple.create(portal, NodeFactory.createURI(VOID + "sparqlEndpoint"), iris.sparqlService()));
            out.add(Triple.create(portal, NodeFactory.createURI(VOID + "rootResource"), iris.catalog()));
            out.add(Triple.create(portal, NodeFactory.createURI(VOID + "uriSpace"), NodeFactory.createLiteralString(iris.base())));
            long[] triples = {0};
            g.find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(VOID + "Dataset")).forEachRemaining(t -> {
                Node ds = t.getSubject();
                out.add(Triple.create(portal, NodeFactory.createURI(VOID + "subset"), ds));
                out.add(t);
                g.find(ds, Node.ANY, Node.ANY).forEachRemaining(x -> {
                    if (x.getPredicate().getURI().startsWith(VOID) || x.getPredicate().equals(DCTerms.title.asNode())) {
                        out.add(x);
                        if (x.getPredicate().getURI().equals(VOID + "triples")) triples[0] += Long.parseLong(x.getObject().getLiteralLexicalForm());
                        if (x.getObject().isURI() && x.getPredicate().getURI().endsWith("Partition")) {
                            g.find(x.getObject(), Node.ANY, Node.ANY).forEachRemaining(out::add);
                        }
                    }
                });
            });
            out.add(Triple.create(portal, NodeFactory.createURI(VOID + "triples"),
                    NodeFactory.createLiteralDT(Long.toString(triples[0]), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
            return null;
        });
        out.getPrefixMapping().setNsPrefix("void", voidNs.getURI());
        rdf.send(ctx, out, RdfResponses.formatFor(type));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
