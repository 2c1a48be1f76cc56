package mx.zocalo.converter.rml;

import java.util.List;
import org.apache.jena.graph.Node;

/**
 * A term map: how one RDF term is made from a row. Exactly one of {@code constant}, {@code reference},
 * {@code template}, {@code function} is set (a blank-node term map may have none: then each row gets a fresh blank
 * node).
 *
 * @param rule        where the term map sits in the mapping, in words ("subject map of &lt;#Students&gt;")
 * @param datatype    constant datatype IRI for literals, or null
 * @param language    constant language tag, or null
 * @param datatypeMap term map computing the datatype IRI per row, or null
 * @param languageMap term map computing the language tag per row, or null
 * @param function    the function execution whose result is the value (RML-FNML), or null
 * @param condition   a term map that must give {@code true} on the row for this term map to give a term, or null
 */
record TermMap(
        String rule,
        Node constant,
        String reference,
        Template template,
        TermType termType,
        Node datatype,
        String language,
        TermMap datatypeMap,
        TermMap languageMap,
        FunctionValue function,
        TermMap condition) {

    /** A term map without function or condition. */
    TermMap(String rule, Node constant, String reference, Template template, TermType termType, Node datatype,
            String language, TermMap datatypeMap, TermMap languageMap) {
        this(rule, constant, reference, template, termType, datatype, language, datatypeMap, languageMap, null, null);
    }

    /** The column names this term map (and its datatype/language maps) reads. */
    List<String> references() {
        java.util.ArrayList<String> refs = new java.util.ArrayList<>();
        if (reference != null) {
            refs.add(reference);
        }
        if (template != null) {
            refs.addAll(template.references());
        }
        if (datatypeMap != null) {
            refs.addAll(datatypeMap.references());
        }
        if (languageMap != null) {
            refs.addAll(languageMap.references());
        }
        if (function != null) {
            refs.addAll(function.references());
        }
        if (condition != null) {
            refs.addAll(condition.references());
        }
        return refs;
    }

    /** The expression in words, for messages: the template, the reference or the constant. */
    String expression() {
        if (template != null) {
            return "template \"" + template.source() + "\"";
        }
        if (reference != null) {
            return "reference \"" + reference + "\"";
        }
        if (function != null) {
            FunctionValue.FunctionExecution e = function.execution();
            return "function execution " + e.name() + (e.function() == null ? "" : " of "
                    + mx.zocalo.converter.rml.fn.FnoFunction.shortName(e.function().iri()));
        }
        return constant == null ? "blank node" : "constant " + constant;
    }
}
