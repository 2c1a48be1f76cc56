package mx.zocalo.converter.rml;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;

/**
 * One iteration of a logical view: a value (or null) for each of the view's keys. Values keep their natural datatype
 * ({@code xsd:integer} for index keys, the JSON type of a JSON value; none for table cells).
 */
record ViewRecord(Map<String, Node> values) implements Record {

    @Override
    public List<String> values(String key) {
        Node n = values.get(key);
        return n == null ? List.of() : List.of(n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
    }

    @Override
    public List<String> datatypes(String key) {
        Node n = values.get(key);
        if (n == null) {
            return List.of();
        }
        String type = n.isLiteral() ? n.getLiteralDatatypeURI() : null;
        boolean plain = type == null || type.equals(XSDDatatype.XSDstring.getURI()) || type.equals(RDF.langString.getURI());
        return plain ? Collections.singletonList(null) : List.of(type);
    }
}
