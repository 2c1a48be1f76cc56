package mx.zocalo.server.catalog;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/** The RDF serialisations a dataset's graph can be downloaded in. */
public enum RdfDownload {
    TURTLE("ttl", "text/turtle", "Turtle", RDFFormat.TURTLE_BLOCKS),
    NTRIPLES("nt", "application/n-triples", "N-Triples", RDFFormat.NTRIPLES),
    NQUADS("nq", "application/n-quads", "N-Quads", RDFFormat.NQUADS),
    JSONLD("jsonld", "application/ld+json", "JSON-LD", RDFFormat.JSONLD11),
    RDFXML("rdf", "application/rdf+xml", "RDF/XML", RDFFormat.RDFXML_PLAIN);

    private final String ext;
    private final String mediaType;
    private final String label;
    private final RDFFormat format;

    RdfDownload(String ext, String mediaType, String label, RDFFormat format) {
        this.ext = ext;
        this.mediaType = mediaType;
        this.label = label;
        this.format = format;
    }

    public String ext() { return ext; }
    public String mediaType() { return mediaType; }
    public String label() { return label; }
    public RDFFormat format() { return format; }
    public Lang lang() { return format.getLang(); }

    /**
     * Whether the catalog lists this format as a distribution (written once at publish time, with size and
     * checksum). N-Quads is the N-Triples dump with the graph name on every line: downloadable, made on the fly.
     */
    public boolean distribution() {
        return this != NQUADS;
    }

    public static RdfDownload byExtension(String ext) {
        for (RdfDownload d : values()) {
            if (d.ext.equals(ext)) return d;
        }
        return null;
    }
}
