package mx.zocalo.converter;

import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.Quad;

/** For triple-only syntaxes: a quad in a named graph is written as its triple. */
public final class QuadsAsTriples extends StreamRDFWrapper {
    public QuadsAsTriples(StreamRDF other) {
        super(other);
    }

    @Override
    public void quad(Quad quad) {
        triple(quad.asTriple());
    }
}
