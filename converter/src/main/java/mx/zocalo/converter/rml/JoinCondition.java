package mx.zocalo.converter.rml;

/**
 * A join condition of a referencing object map: the child's value equals the parent's value. Each side is a term
 * map ({@code rml:child "X"} is a reference map); values compare by their text (IRI or lexical form).
 */
record JoinCondition(TermMap child, TermMap parent) {}
