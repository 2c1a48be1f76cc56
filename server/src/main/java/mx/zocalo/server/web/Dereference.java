package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Makes every IRI the portal mints dereference: {@code /id/...}, {@code /def/...}, distributions, records,
 * publishers (as a description, negotiated) and {@code /graph/{name}} (the whole named graph).
 * An explicit extension ({@code .ttl .nt .jsonld .rdf .html}) picks the format without negotiation.
 */
final class Dereference {
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
        String forced = null;
        if (!resources.known(iri)) {
            int dot = path.lastIndexOf('.');
            String ext = dot > path.lastIndexOf('/') ? path.substring(dot + 1) : null;
            if (ext != null && (ext.equals("html") || RdfDownload.byExtension(ext) != null)
                    && RdfResponses.DESCRIPTION_TYPES.contains(ext.equals("html") ? "text/html" : RdfDownload.byExtension(ext).mediaType())) {
                String stripped = iri.substring(0, iri.length() - ext.length() - 1);
                if (resources.known(stripped)) {
                    iri = stripped;
                    forced = ext.equals("html") ? "text/html" : RdfDownload.byExtension(ext).mediaType();
                }
            }
        }
        if (forced == null && !resources.known(iri)) throw new NotFoundResponse("Nothing is known about " + iri);
        String type = forced != null ? forced : Negotiate.type(ctx, RdfResponses.DESCRIPTION_TYPES);
        String localPath = iris.localPath(iri);
        links(ctx, localPath);
        if (!type.equals("text/html")) {
            RdfDownload format = RdfResponses.formatFor(type);
            ctx.contentType(type + (type.startsWith("text/") ? "; charset=utf-8" : "")).result(serialize(resources.describe(iri), format));
            return;
        }
        String lang = PageLanguage.of(ctx);
        int inPage = pageNumber(ctx.queryParam("in_page"));
        String valuesOf = ctx.queryParam("values");
        ResourceView.ValuesPage valuesPage = valuesOf == null ? ResourceView.ValuesPage.NONE
                : new ResourceView.ValuesPage(valuesOf, pageNumber(ctx.queryParam("values_page")));
        ResourceView.Page page = resources.view(iri, lang, templates.messages(lang), rdf.prefixes(), inPage, valuesPage);
        if (page == null) throw new NotFoundResponse("Nothing is known about " + iri);
        Map<String, Object> model = Pages.base(ctx, lang);
        model.put("iri", iri);
        model.put("label", page.label());
        model.put("page", page);
        model.put("localPath", localPath == null ? null : asciiPath(localPath));
        ResourceView.Incoming in = page.incoming();
        if (in.page() > 1) model.put("inPrevious", withQuery(ctx, "in_page", String.valueOf(in.page() - 1)) + "#incoming");
        if (in.page() < in.pages()) model.put("inNext", withQuery(ctx, "in_page", String.valueOf(in.page() + 1)) + "#incoming");
        ctx.header("Content-Language", lang);
        Templates.send(ctx, templates.render("resource", lang, model));
    }

    private byte[] serialize(Graph g, RdfDownload format) {
        g.getPrefixMapping().setNsPrefixes(rdf.prefixes());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.jena.riot.RDFWriter.source(g).format(format.format()).output(out);
        return out.toByteArray();
    }

    private static int pageNumber(String s) {
        if (s == null) return 1;
        try {
            return Math.max(1, Math.min(1_000_000, Integer.parseInt(s.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The current path with its query string, one parameter set to {@code value} (the others kept). */
    static String withQuery(Context ctx, String name, String value) {
        StringBuilder q = new StringBuilder();
        String qs = ctx.queryString();
        if (qs != null) {
            for (String part : qs.split("&")) {
                if (part.isEmpty() || part.equals(name) || part.startsWith(name + "=")) continue;
                q.append(q.length() == 0 ? "" : "&").append(part);
            }
        }
        q.append(q.length() == 0 ? "" : "&").append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        return ctx.path() + "?" + q;
    }

    /** A path safe in a header: characters outside ASCII (and spaces) percent-encoded as UTF-8. */
    static String asciiPath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte x : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>') b.append('%').append(String.format("%02X", c));
            else b.append((char) c);
        }
        return b.toString();
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
        localPath = asciiPath(localPath);
        List<String> links = new ArrayList<>();
        links.add("<" + localPath + ".html>; rel=\"alternate\"; type=\"text/html\"");
        for (RdfDownload f : List.of(RdfDownload.TURTLE, RdfDownload.NTRIPLES, RdfDownload.JSONLD, RdfDownload.RDFXML)) {
            links.add("<" + localPath + "." + f.ext() + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"");
        }
        ctx.header("Link", String.join(", ", links));
    }
}
