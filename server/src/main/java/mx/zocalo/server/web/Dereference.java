package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VCARD4;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Makes every IRI the portal mints dereference: {@code /id/...}, {@code /def/...}, distributions, records,
 * publishers (as a description, negotiated) and {@code /graph/{name}} (the whole named graph).
 * An explicit extension ({@code .ttl .nt .jsonld .rdf .html}) picks the format without negotiation.
 */
final class Dereference {
    private static final List<Node> LABELS = List.of(SKOS.prefLabel.asNode(), RDFS.label.asNode(),
            DCTerms.title.asNode(), FOAF.name.asNode(), VCARD4.fn.asNode());
    private final Store store;
    private final PortalIris iris;
    private final Templates templates;
    private final ResourceService resources;
    private final RdfResponses rdf;

    Dereference(Store store, PortalIris iris, Templates templates, ResourceService resources, RdfResponses rdf) {
        this.store = store;
        this.iris = iris;
        this.templates = templates;
        this.resources = resources;
        this.rdf = rdf;
    }

    void resource(Context ctx) {
        String path = IriPath.fromRequest(ctx.path());
        String iri = iris.base() + path.substring(1);
        Graph g = resources.describe(iri);
        String forced = null;
        if (g.isEmpty()) {
            int dot = path.lastIndexOf('.');
            String ext = dot > path.lastIndexOf('/') ? path.substring(dot + 1) : null;
            if (ext != null && (ext.equals("html") || RdfDownload.byExtension(ext) != null)) {
                iri = iri.substring(0, iri.length() - ext.length() - 1);
                g = resources.describe(iri);
                forced = ext.equals("html") ? "text/html" : RdfDownload.byExtension(ext).mediaType();
            }
        }
        if (g.isEmpty()) throw new NotFoundResponse("Nothing is known about " + iri);
        String type = forced != null ? forced : Negotiate.type(ctx, RdfResponses.DESCRIPTION_TYPES);
        links(ctx, iris.localPath(iri));
        if (!type.equals("text/html")) {
            rdf.send(ctx, g, RdfResponses.formatFor(type));
            return;
        }
        String lang = PageLanguage.of(ctx);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("iri", iri);
        model.put("label", label(g, NodeFactory.createURI(iri), lang));
        model.put("rows", rows(g, iri, false));
        model.put("incoming", rows(resources.incoming(iri, 100), iri));
        model.put("localPath", iris.localPath(iri));
        Templates.send(ctx, templates.render("resource", lang, model));
    }

    void graph(Context ctx) {
        Node name = iris.iri("graph/" + ctx.pathParam("name"));
        boolean exists = store.read(dsg -> dsg.containsGraph(name) && !dsg.getGraph(name).isEmpty());
        if (!exists) throw new NotFoundResponse("No graph " + name.getURI());
        String type = Negotiate.type(ctx, RdfResponses.DESCRIPTION_TYPES);
        if (type.equals("text/html")) {
            String slug = ctx.pathParam("name");
            boolean dataset = store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), Node.ANY, Node.ANY));
            ctx.redirect(dataset ? "/dataset/" + slug : "/catalog", HttpStatus.SEE_OTHER);
            return;
        }
        Graph g = store.read(dsg -> {
            Graph copy = GraphFactory.createDefaultGraph();
            dsg.getGraph(name).find().forEach(copy::add);
            return copy;
        });
        rdf.send(ctx, g, RdfResponses.formatFor(type));
    }

    /** {@code Link} headers to the explicit-format variants of a resource. */
    static void links(Context ctx, String localPath) {
        if (localPath == null) return;
        List<String> links = new ArrayList<>();
        for (RdfDownload f : List.of(RdfDownload.TURTLE, RdfDownload.NTRIPLES, RdfDownload.JSONLD, RdfDownload.RDFXML)) {
            links.add("<" + localPath + "." + f.ext() + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"");
        }
        ctx.header("Link", String.join(", ", links));
    }

    private List<Map<String, Object>> rows(Graph g, String iri, boolean unused) {
        List<Triple> ts = new ArrayList<>(g.find().toList());
        ts.sort((a, b) -> {
            int s = Boolean.compare(!a.getSubject().getURI().equals(iri), !b.getSubject().getURI().equals(iri));
            if (s != 0) return s;
            s = a.getSubject().toString().compareTo(b.getSubject().toString());
            return s != 0 ? s : a.getPredicate().getURI().compareTo(b.getPredicate().getURI());
        });
        List<Map<String, Object>> out = new ArrayList<>();
        for (Triple t : ts) {
            Map<String, Object> row = new HashMap<>();
            row.put("subject", term(t.getSubject()));
            row.put("predicate", term(t.getPredicate()));
            row.put("object", term(t.getObject()));
            row.put("own", t.getSubject().isURI() && t.getSubject().getURI().equals(iri));
            out.add(row);
        }
        return out;
    }

    private List<Map<String, Object>> rows(List<Triple> incoming, String iri) {
        Graph g = GraphFactory.createDefaultGraph();
        incoming.forEach(g::add);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Triple t : incoming) {
            Map<String, Object> row = new HashMap<>();
            row.put("subject", term(t.getSubject()));
            row.put("predicate", term(t.getPredicate()));
            out.add(row);
        }
        return out;
    }

    /** A human name for the resource: a label, title or name in the page language if there is one. */
    private static String label(Graph g, Node s, String lang) {
        String any = null;
        for (Node p : LABELS) {
            for (Triple t : g.find(s, p, Node.ANY).toList()) {
                Node o = t.getObject();
                if (!o.isLiteral()) continue;
                if (lang.equals(o.getLiteralLanguage())) return o.getLiteralLexicalForm();
                if (any == null) any = o.getLiteralLexicalForm();
            }
        }
        return any;
    }

    /** How a term shows in a table: text, a link (local for IRIs under the base), a language or datatype. */
    private Map<String, Object> term(Node n) {
        Map<String, Object> m = new HashMap<>();
        if (n.isURI()) {
            String local = iris.localPath(n.getURI());
            m.put("href", local != null ? local : n.getURI());
            m.put("text", rdf.prefixes().shortForm(n.getURI()));
        } else if (n.isLiteral()) {
            m.put("text", n.getLiteralLexicalForm());
            if (!n.getLiteralLanguage().isEmpty()) m.put("note", "@" + n.getLiteralLanguage());
            else if (!n.getLiteralDatatypeURI().endsWith("#string")) m.put("note", rdf.prefixes().shortForm(n.getLiteralDatatypeURI()));
        } else {
            m.put("text", n.toString());
        }
        return m;
    }
}
