package mx.zocalo.server.catalog;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The IRIs the portal mints, all under one base IRI (which ends in a slash). */
public record PortalIris(String base) {

    public PortalIris {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("The base IRI is empty");
        }
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("The base IRI must start with http:// or https://: " + base);
        }
    }

    public Node catalog() { return iri("catalog"); }
    public Node catalogGraph() { return iri("graph/catalog"); }
    public Node vocabularyGraph() { return iri("graph/vocabularies"); }
    public Node sparqlService() { return iri("sparql"); }
    public Node dataset(String slug) { return iri("dataset/" + slug); }
    public Node record(String slug) { return iri("dataset/" + slug + "/record"); }
    /** A view the dataset's description declares ({@code views:}). */
    public Node view(String slug, String id) { return iri("dataset/" + slug + "/view/" + id); }
    public Node distribution(String slug, String format) { return iri("dataset/" + slug + "/distribution/" + format); }
    public Node datasetGraph(String slug) { return iri("graph/" + slug); }
    public Node download(String slug, String ext) { return iri("download/" + slug + "." + ext); }
    public Node term(String localName) { return iri("def/zocalo#" + localName); }
    public Node publisher(String key) { return iri("publisher/" + key); }

    /** The IRI for a path relative to the base (no leading slash). */
    public Node iri(String relative) {
        return NodeFactory.createURI(base + relative);
    }

    /** The path of an IRI under the base, with a leading slash, or null when it is not under the base. */
    public String localPath(String iri) {
        return iri.startsWith(base) ? "/" + iri.substring(base.length()) : null;
    }
}
