package mx.zocalo.converter.rml;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The CSVW terms a logical source may use to describe its table (RML-IO allows a {@code csvw:Table} source). */
final class Csvw {
    static final String NS = "http://www.w3.org/ns/csvw#";

    static final Node Table = term("Table");
    static final Node url = term("url");
    static final Node dialect = term("dialect");
    static final Node delimiter = term("delimiter");
    static final Node encoding = term("encoding");
    static final Node skipRows = term("skipRows");
    static final Node header = term("header");
    /** CSVW's own way of saying which cell texts are null, read as {@code rml:null}. */
    static final Node null_ = term("null");

    private Csvw() {}

    private static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
