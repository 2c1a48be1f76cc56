package mx.zocalo.converter.rml;

/**
 * The kind of RDF term a term map generates. {@code UNSAFE_IRI} skips percent-encoding of template values;
 * {@code URI} ({@code rml:URI}) percent-encodes non-ASCII letters too, so the result is a URI.
 */
enum TermType {
    IRI, URI, UNSAFE_IRI, BLANK_NODE, LITERAL
}
