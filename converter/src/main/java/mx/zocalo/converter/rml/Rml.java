package mx.zocalo.converter.rml;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The terms of the RML vocabulary ({@code http://w3id.org/rml/}) this engine reads. */
final class Rml {
    static final String NS = "http://w3id.org/rml/";

    static final Node TriplesMap = term("TriplesMap");
    static final Node logicalSource = term("logicalSource");
    static final Node source = term("source");
    static final Node path = term("path");
    static final Node root = term("root");
    static final Node MappingDirectory = term("MappingDirectory");
    static final Node CurrentWorkingDirectory = term("CurrentWorkingDirectory");
    static final Node referenceFormulation = term("referenceFormulation");
    static final Node CSV = term("CSV");
    static final Node JSONPath = term("JSONPath");
    static final Node iterator = term("iterator");
    /** RML-IO: a value of the source that is NULL (named {@code null_} as {@code null} is a Java word). */
    static final Node null_ = term("null");
    static final Node baseIRI = term("baseIRI");
    static final Node subjectMap = term("subjectMap");
    static final Node subject = term("subject");
    static final Node predicateObjectMap = term("predicateObjectMap");
    static final Node predicateMap = term("predicateMap");
    static final Node predicate = term("predicate");
    static final Node objectMap = term("objectMap");
    static final Node object = term("object");
    static final Node graphMap = term("graphMap");
    static final Node graph = term("graph");
    static final Node defaultGraph = term("defaultGraph");
    static final Node clazz = term("class");
    static final Node constant = term("constant");
    static final Node reference = term("reference");
    static final Node template = term("template");
    static final Node termType = term("termType");
    static final Node IRI = term("IRI");
    static final Node UnsafeIRI = term("UnsafeIRI");
    static final Node BlankNode = term("BlankNode");
    static final Node Literal = term("Literal");
    static final Node datatype = term("datatype");
    static final Node language = term("language");
    static final Node datatypeMap = term("datatypeMap");
    static final Node languageMap = term("languageMap");
    static final Node parentTriplesMap = term("parentTriplesMap");
    static final Node joinCondition = term("joinCondition");
    static final Node child = term("child");
    static final Node parent = term("parent");
    static final Node childMap = term("childMap");
    static final Node parentMap = term("parentMap");
    static final Node URI = term("URI");
    // RML-FNML
    static final Node FunctionExecution = term("FunctionExecution");
    static final Node functionExecution = term("functionExecution");
    static final Node function = term("function");
    static final Node functionMap = term("functionMap");
    static final Node input = term("input");
    static final Node parameter = term("parameter");
    static final Node parameterMap = term("parameterMap");
    static final Node inputValue = term("inputValue");
    static final Node inputValueMap = term("inputValueMap");
    static final Node return_ = term("return");
    static final Node returnMap = term("returnMap");
    static final Node condition = term("condition");
    // RML-LV (logical views)
    static final Node LogicalView = term("LogicalView");
    static final Node viewOn = term("viewOn");
    static final Node field = term("field");
    static final Node fieldName = term("fieldName");
    static final Node ExpressionField = term("ExpressionField");
    static final Node IterableField = term("IterableField");
    static final Node leftJoin = term("leftJoin");
    static final Node innerJoin = term("innerJoin");
    static final Node outerJoin = term("outerJoin");
    static final Node parentLogicalView = term("parentLogicalView");

    private Rml() {}

    private static Node term(String local) {
        return NodeFactory.createURI(NS + local);
    }
}
