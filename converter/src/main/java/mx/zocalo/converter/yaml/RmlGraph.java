package mx.zocalo.converter.yaml;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/** The RML graph a YAML mapping compiles to, and the terms of the RML vocabulary ({@value #RML}) it is written in. */
final class RmlGraph {
    static final String RML = "http://w3id.org/rml/";
    static final String CSVW = "http://www.w3.org/ns/csvw#";

    static final Node TriplesMap = rml("TriplesMap");
    static final Node logicalSource = rml("logicalSource");
    static final Node source = rml("source");
    static final Node RelativePathSource = rml("RelativePathSource");
    static final Node root = rml("root");
    static final Node MappingDirectory = rml("MappingDirectory");
    static final Node path = rml("path");
    static final Node referenceFormulation = rml("referenceFormulation");
    static final Node CSV = rml("CSV");
    static final Node JSONPath = rml("JSONPath");
    static final Node iterator = rml("iterator");
    static final Node subjectMap = rml("subjectMap");
    static final Node predicateObjectMap = rml("predicateObjectMap");
    static final Node predicate = rml("predicate");
    static final Node objectMap = rml("objectMap");
    static final Node graphMap = rml("graphMap");
    static final Node defaultGraph = rml("defaultGraph");
    static final Node constant = rml("constant");
    static final Node reference = rml("reference");
    static final Node template = rml("template");
    static final Node termType = rml("termType");
    static final Node IRI = rml("IRI");
    static final Node BlankNode = rml("BlankNode");
    static final Node Literal = rml("Literal");
    static final Node datatype = rml("datatype");
    static final Node language = rml("language");
    static final Node datatypeMap = rml("datatypeMap");
    static final Node languageMap = rml("languageMap");
    static final Node parentTriplesMap = rml("parentTriplesMap");
    static final Node joinCondition = rml("joinCondition");
    static final Node child = rml("child");
    static final Node parent = rml("parent");

    static final Node Table = csvw("Table");
    static final Node url = csvw("url");
    static final Node dialect = csvw("dialect");
    static final Node delimiter = csvw("delimiter");
    static final Node encoding = csvw("encoding");
    static final Node skipRows = csvw("skipRows");

    final Graph graph = GraphFactory.createDefaultGraph();

    RmlGraph() {
        graph.getPrefixMapping().setNsPrefix("rml", RML);
    }

    private static Node rml(String local) {
        return NodeFactory.createURI(RML + local);
    }

    private static Node csvw(String local) {
        return NodeFactory.createURI(CSVW + local);
    }

    void add(Node s, Node p, Node o) {
        graph.add(Triple.create(s, p, o));
    }
}
