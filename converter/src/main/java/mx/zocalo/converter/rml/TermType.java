package mx.zocalo.converter.rml;

/** The kind of RDF term a term map generates. {@code UNSAFE_IRI} skips percent-encoding of template values. */
enum TermType {
    IRI, UNSAFE_IRI, BLANK_NODE, LITERAL
}
