package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

/**
 * Rewrites the older mapping vocabularies, as RMLMapper accepts them, into RML ({@code http://w3id.org/rml/})
 * before the mapping is read, so the rest of the engine knows only one vocabulary: R2RML
 * ({@code http://www.w3.org/ns/r2rml#}: {@code rr:subjectMap}, {@code rr:template}, {@code rr:column}, ...), the
 * legacy RML namespace ({@code http://semweb.mmlab.be/ns/rml#}: {@code rml:logicalSource}, {@code rml:source},
 * {@code rml:reference}, {@code rml:iterator}, ...) and its reference formulations ({@code http://semweb.mmlab.be/ns/ql#}:
 * {@code ql:CSV}, {@code ql:JSONPath}). Every term keeps its local name except {@code rr:column}, which becomes
 * {@code rml:reference}.
 *
 * <p>The older function vocabulary FNML ({@code http://semweb.mmlab.be/ns/fnml#}) is rewritten into RML-FNML: a
 * {@code fnml:functionValue} is a small triples map whose predicate-object maps give the function
 * ({@code fno:executes}) and the parameters (by their {@code fno:predicate}); it becomes an
 * {@code rml:functionExecution} with {@code rml:function} (or {@code rml:functionMap}) and one {@code rml:input}
 * per parameter. The result is the function's first output, as there is no {@code rml:return}.
 */
final class LegacyVocabulary {
    static final String R2RML = "http://www.w3.org/ns/r2rml#";
    static final String LEGACY_RML = "http://semweb.mmlab.be/ns/rml#";
    static final String QL = "http://semweb.mmlab.be/ns/ql#";
    static final String FNML = "http://semweb.mmlab.be/ns/fnml#";
    private static final Node FUNCTION_VALUE = NodeFactory.createURI(FNML + "functionValue");
    private static final Node FUNCTION_TERM_MAP = NodeFactory.createURI(FNML + "FunctionTermMap");
    private static final List<Node> EXECUTES = List.of(
            NodeFactory.createURI("https://w3id.org/function/ontology#executes"),
            NodeFactory.createURI("http://w3id.org/function/ontology#executes"));

    private LegacyVocabulary() {}

    /** Rewrites {@code graph} in place; returns the vocabulary it used, in words, for messages. */
    static String normalise(Graph graph) {
        boolean rml = false;
        boolean legacyRml = false;
        boolean r2rml = false;
        boolean fnml = false;
        List<Triple> all = graph.find().toList();
        for (Triple t : all) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isURI()) {
                    String iri = n.getURI();
                    rml |= iri.startsWith(Rml.NS);
                    legacyRml |= iri.startsWith(LEGACY_RML) || iri.startsWith(QL);
                    r2rml |= iri.startsWith(R2RML);
                    fnml |= iri.startsWith(FNML);
                }
            }
        }
        if (legacyRml || r2rml) {
            for (Triple t : all) {
                Node s = map(t.getSubject());
                Node p = map(t.getPredicate());
                Node o = map(t.getObject());
                if (s != t.getSubject() || p != t.getPredicate() || o != t.getObject()) {
                    graph.delete(t);
                    graph.add(Triple.create(s, p, o));
                }
            }
        }
        if (fnml) {
            functionValues(graph);
        }
        StringBuilder words = new StringBuilder();
        if (rml) {
            words.append("RML (").append(Rml.NS).append(")");
        }
        if (legacyRml) {
            words.append(words.isEmpty() ? "" : " + ").append("legacy RML (").append(LEGACY_RML).append(")");
        }
        if (r2rml) {
            words.append(words.isEmpty() ? "" : " + ").append("R2RML (").append(R2RML).append(")");
        }
        if (fnml) {
            words.append(words.isEmpty() ? "" : " + ").append("FNML (").append(FNML).append(")");
        }
        return words.isEmpty() ? "none" : words.toString();
    }

    /** Rewrites each {@code fnml:functionValue} (after the namespaces above) into an {@code rml:functionExecution}. */
    private static void functionValues(Graph graph) {
        graph.remove(Node.ANY, RDF.type.asNode(), FUNCTION_TERM_MAP);
        for (Triple t : graph.find(Node.ANY, FUNCTION_VALUE, Node.ANY).toList()) {
            Node execution = t.getObject();
            graph.delete(t);
            graph.add(Triple.create(t.getSubject(), Rml.functionExecution, execution));
            for (Node pom : objects(graph, execution, Rml.predicateObjectMap)) {
                List<Node> predicates = new java.util.ArrayList<>(objects(graph, pom, Rml.predicate));
                for (Node pm : objects(graph, pom, Rml.predicateMap)) {
                    predicates.addAll(objects(graph, pm, Rml.constant));
                }
                List<Node> values = objects(graph, pom, Rml.object);
                List<Node> valueMaps = objects(graph, pom, Rml.objectMap);
                for (Node p : predicates) {
                    if (EXECUTES.contains(p)) {
                        values.forEach(f -> graph.add(Triple.create(execution, Rml.function, f)));
                        valueMaps.forEach(fm -> graph.add(Triple.create(execution, Rml.functionMap, fm)));
                        continue;
                    }
                    for (Node v : values) {
                        Node input = NodeFactory.createBlankNode();
                        graph.add(Triple.create(execution, Rml.input, input));
                        graph.add(Triple.create(input, Rml.parameter, p));
                        graph.add(Triple.create(input, Rml.inputValue, v));
                    }
                    for (Node vm : valueMaps) {
                        Node input = NodeFactory.createBlankNode();
                        graph.add(Triple.create(execution, Rml.input, input));
                        graph.add(Triple.create(input, Rml.parameter, p));
                        graph.add(Triple.create(input, Rml.inputValueMap, vm));
                    }
                }
                for (Node p : List.of(Rml.predicate, Rml.predicateMap, Rml.object, Rml.objectMap)) {
                    graph.remove(pom, p, Node.ANY);
                }
                graph.delete(Triple.create(execution, Rml.predicateObjectMap, pom));
            }
            // Not a triples map of its own: RMLMapper lets function values name a logical source, which they do not use.
            graph.remove(execution, Rml.logicalSource, Node.ANY);
            graph.remove(execution, RDF.type.asNode(), Rml.TriplesMap);
        }
    }

    private static List<Node> objects(Graph graph, Node s, Node p) {
        return graph.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
    }

    private static Node map(Node n) {
        if (!n.isURI()) {
            return n;
        }
        String iri = n.getURI();
        if (iri.startsWith(R2RML)) {
            String local = iri.substring(R2RML.length());
            return NodeFactory.createURI(Rml.NS + (local.equals("column") ? "reference" : local));
        }
        if (iri.startsWith(LEGACY_RML)) {
            return NodeFactory.createURI(Rml.NS + iri.substring(LEGACY_RML.length()));
        }
        if (iri.startsWith(QL)) {
            return NodeFactory.createURI(Rml.NS + iri.substring(QL.length()));
        }
        return n;
    }
}
