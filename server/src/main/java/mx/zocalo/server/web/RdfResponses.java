package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.OutputStream;
import java.util.List;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.RdfDownload;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.shared.PrefixMapping;

/** Writes RDF in the format a client negotiated, with the portal's prefixes. */
final class RdfResponses {
    /** Plain JSON: answered with JSON-LD (a JSON document with its {@code @context}), labelled as the client asked. */
    static final String JSON = "application/json";

    /** The types a description is offered in, HTML first (browsers send {@code * / *} too). */
    static final List<String> DESCRIPTION_TYPES = List.of(
            "text/html", "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", JSON);

    /** RDF only, Turtle first (for documents with no HTML view). */
    static final List<String> DATA_TYPES_WITHOUT_HTML = List.of(
            "text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml", JSON);

    private final PortalIris iris;

    RdfResponses(PortalIris iris) {
        this.iris = iris;
    }

    /** The format of a negotiated type; {@code application/json} is JSON-LD. */
    static RdfDownload formatFor(String mediaType) {
        if (mediaType.equals(JSON)) return RdfDownload.JSONLD;
        for (RdfDownload d : RdfDownload.values()) {
            if (d.mediaType().equals(mediaType)) return d;
        }
        throw new IllegalArgumentException(mediaType);
    }

    /** Writes {@code graph} as {@code format}; JSON-LD labelled {@code application/json} when that is what the client prefers. */
    void send(Context ctx, Graph graph, RdfDownload format) {
        send(ctx, graph, format == RdfDownload.JSONLD ? jsonType(ctx) : format.mediaType());
    }

    /** Writes {@code graph} in the negotiated {@code mediaType} (one of {@link #DESCRIPTION_TYPES} but HTML), labelled so. */
    void send(Context ctx, Graph graph, String mediaType) {
        graph.getPrefixMapping().setNsPrefixes(prefixes());
        ctx.contentType(mediaType + (mediaType.startsWith("text/") ? "; charset=utf-8" : ""));
        OutputStream out = ctx.outputStream();
        RDFWriter.source(graph).format(formatFor(mediaType).format()).output(out);
    }

    /**
     * How JSON-LD is labelled for this request: {@code application/ld+json}, or {@code application/json} for a client
     * that accepts plain JSON and not JSON-LD (or prefers it), as the Linked Data Fragments server does.
     */
    static String jsonType(Context ctx) {
        return ContentNegotiation.choose(ctx.header("Accept"), List.of(RdfDownload.JSONLD.mediaType(), JSON))
                .orElse(RdfDownload.JSONLD.mediaType());
    }

    PrefixMapping prefixes() {
        PrefixMapping pm = PrefixMapping.Factory.create();
        pm.setNsPrefix("dcat", "http://www.w3.org/ns/dcat#");
        pm.setNsPrefix("dct", "http://purl.org/dc/terms/");
        pm.setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        pm.setNsPrefix("vcard", "http://www.w3.org/2006/vcard/ns#");
        pm.setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        pm.setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        pm.setNsPrefix("skos", "http://www.w3.org/2004/02/skos/core#");
        pm.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        pm.setNsPrefix("zocalo", iris.base() + "def/zocalo#");
        return pm;
    }
}
