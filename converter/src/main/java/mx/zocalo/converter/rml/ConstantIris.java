package mx.zocalo.converter.rml;

import java.util.List;
import mx.zocalo.converter.AbsoluteIris;
import org.apache.jena.graph.Node;

/**
 * Refuses a mapping whose constant IRIs (constants of subject, predicate, object and graph maps, classes, datatypes)
 * or base IRI are relative, naming the rule, before any row is read. Generated IRIs get the base in front of them
 * ({@link TermGenerator}); constants are written into the output as they are, so they must be absolute already (a Turtle
 * parser resolves them against the base; a YAML mapping does the same).
 */
final class ConstantIris {
    private ConstantIris() {}

    static void check(Mapping mapping) {
        for (TriplesMap tm : mapping.triplesMaps()) {
            if (tm.base() != null && !AbsoluteIris.isAbsolute(tm.base())) {
                throw new MappingException(tm.name() + ": the base IRI <" + tm.base() + "> is not absolute (it needs a scheme, such as https:)");
            }
            SubjectMap sm = tm.subjectMap();
            check(sm.term());
            for (Node c : sm.classes()) {
                check(c, "rml:class of the subject map of " + tm.name());
            }
            check(sm.graphMaps());
            for (PredicateObjectMap pom : tm.predicateObjectMaps()) {
                check(pom.predicateMaps());
                check(pom.objectMaps());
                check(pom.graphMaps());
            }
        }
    }

    private static void check(List<TermMap> maps) {
        for (TermMap m : maps) {
            check(m);
        }
    }

    private static void check(TermMap map) {
        if (map.constant() != null) {
            check(map.constant(), map.rule());
        }
        if (map.datatype() != null) {
            check(map.datatype(), "the datatype of the " + map.rule());
        }
    }

    private static void check(Node iri, String rule) {
        if (iri.isURI() && !AbsoluteIris.isAbsolute(iri.getURI())) {
            throw new MappingException(rule + ": the IRI <" + iri.getURI() + "> is relative; write it in full, or give the "
                    + "mapping a base to resolve it against");
        }
        if (iri.isLiteral() && !AbsoluteIris.isAbsolute(iri.getLiteralDatatypeURI())) {
            throw new MappingException(rule + ": the datatype <" + iri.getLiteralDatatypeURI() + "> of the constant " + iri
                    + " is relative; write it in full, or give the mapping a base to resolve it against");
        }
    }
}
