package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mx.zocalo.converter.rml.fn.FnoFunction;
import mx.zocalo.converter.rml.fn.FunctionLibrary;
import org.apache.jena.graph.Node;

/**
 * Reads one term map (or a constant shortcut) and checks it against where it is used: subjects are IRIs
 * or blank nodes, predicates IRIs, graphs IRIs or blank nodes, datatypes IRIs, languages literals;
 * datatype and language only on literals, never both; language tags well-formed; templates well-formed.
 * Term maps whose value comes from a function (RML-FNML {@code rml:functionExecution}) are checked against the
 * {@link FunctionLibrary}: the function must be one the converter implements, and the parameters and the output
 * must be the function's.
 */
final class TermMapReader {
    private final MappingGraph mapping;
    private final String base;
    private final FunctionLibrary library = FunctionLibrary.standard();
    /** The function executions being read, to reject one that is (through others) its own input. */
    private final Set<Node> reading = new HashSet<>();

    TermMapReader(MappingGraph mapping, String base) {
        this.mapping = mapping;
        this.base = base;
    }

    /**
     * Where a term map is used. INPUT: the value of a function parameter (any term; literals by default).
     * FUNCTION: names a function, parameter or output (IRIs).
     */
    enum Position { SUBJECT, PREDICATE, OBJECT, GRAPH, DATATYPE, LANGUAGE, INPUT, FUNCTION }

    /** A term map given by a shortcut ({@code rml:subject}, {@code rml:predicate}, ...): a constant. */
    TermMap constant(Node value, Position position, String rule) {
        TermType type = value.isLiteral() ? TermType.LITERAL : value.isBlank() ? TermType.BLANK_NODE : TermType.IRI;
        if (value.isBlank()) {
            throw new MappingException(rule + ": a constant must be an IRI or a literal, not a blank node");
        }
        checkTermType(type, position, rule);
        return new TermMap(rule, value, null, null, type, null, null, null, null);
    }

    /**
     * A join condition (RML-Core): its child and parent sides, each {@code rml:child "X"} / {@code rml:parent "X"} (a
     * reference) or {@code rml:childMap} / {@code rml:parentMap} with any expression map ({@link #expressionMap}).
     */
    JoinCondition joinCondition(Node jc, String rule) {
        if (jc.isLiteral()) {
            throw new MappingException(rule + ": rml:joinCondition must be a join condition (a resource with rml:child and "
                    + "rml:parent, or rml:childMap and rml:parentMap), not " + jc);
        }
        return new JoinCondition(joinSide(jc, Rml.child, Rml.childMap, "rml:child", rule),
                joinSide(jc, Rml.parent, Rml.parentMap, "rml:parent", rule));
    }

    /** One side of a join condition: {@code rml:child "X"} (a reference) or {@code rml:childMap [ ... ]} (any expression map). */
    private TermMap joinSide(Node jc, Node shortcut, Node map, String what, String rule) {
        String where = "join condition (" + what + ") of the " + rule;
        List<Node> shortcuts = mapping.objects(jc, shortcut);
        List<Node> maps = mapping.objects(jc, map);
        if (shortcuts.size() + maps.size() != 1) {
            throw new MappingException(where + ": give exactly one " + what + " or " + what + "Map, not "
                    + (shortcuts.size() + maps.size()));
        }
        if (!shortcuts.isEmpty()) {
            Node reference = shortcuts.get(0);
            if (!reference.isLiteral()) {
                throw new MappingException(where + ": " + what + " must be a reference (a string), not " + reference);
            }
            return new TermMap(where, null, reference.getLiteralLexicalForm(), null, TermType.LITERAL, null, null, null, null);
        }
        return expressionMap(maps.get(0), where);
    }

    /**
     * An expression map that gives values, not RDF terms: a join condition's {@code rml:childMap} or {@code rml:parentMap}
     * (RML-Core, join conditions), whose values are compared as text. Any expression: {@code rml:reference},
     * {@code rml:template} (its values not percent-encoded, as no IRI is made), {@code rml:constant} or
     * {@code rml:functionExecution}; a term type, datatype or language would mean nothing there and is refused.
     */
    TermMap expressionMap(Node node, String rule) {
        if (node.isLiteral()) {
            throw new MappingException(rule + ": expected an expression map (a resource with rml:reference, rml:template, "
                    + "rml:constant or rml:functionExecution), found the literal " + node);
        }
        for (Node p : List.of(Rml.termType, Rml.datatype, Rml.datatypeMap, Rml.language, Rml.languageMap)) {
            if (mapping.has(node, p, Node.ANY)) {
                throw new MappingException(rule + ": " + mapping.shortName(p) + " means nothing here: a join condition "
                        + "compares the values of its child and parent maps as text, it makes no RDF term");
            }
        }
        return termMap(node, Position.INPUT, rule);
    }

    TermMap termMap(Node node, Position position, String rule) {
        if (node.isLiteral()) {
            throw new MappingException(rule + ": expected a term map (a resource), found the literal " + node);
        }
        Node constant = single(node, Rml.constant, "rml:constant of the " + rule, false);
        Node reference = single(node, Rml.reference, "rml:reference of the " + rule, false);
        Node template = single(node, Rml.template, "rml:template of the " + rule, false);
        Node termTypeNode = single(node, Rml.termType, "rml:termType of the " + rule, false);
        Node datatype = single(node, Rml.datatype, "rml:datatype of the " + rule, false);
        Node language = single(node, Rml.language, "rml:language of the " + rule, false);
        Node datatypeMapNode = single(node, Rml.datatypeMap, "rml:datatypeMap of the " + rule, false);
        Node languageMapNode = single(node, Rml.languageMap, "rml:languageMap of the " + rule, false);
        Node execution = single(node, Rml.functionExecution, "rml:functionExecution of the " + rule, false);
        Node returnNode = single(node, Rml.return_, "rml:return of the " + rule, false);
        Node returnMapNode = single(node, Rml.returnMap, "rml:returnMap of the " + rule, false);
        Node conditionNode = single(node, Rml.condition, "rml:condition of the " + rule, false);

        int kinds = (constant != null ? 1 : 0) + (reference != null ? 1 : 0) + (template != null ? 1 : 0)
                + (execution != null ? 1 : 0);
        if (kinds > 1) {
            throw new MappingException(rule + ": use only one of rml:constant, rml:reference, rml:template, rml:functionExecution");
        }
        if (execution == null && (returnNode != null || returnMapNode != null)) {
            throw new MappingException(rule + ": rml:return and rml:returnMap need an rml:functionExecution");
        }
        if (reference != null && !reference.isLiteral() || template != null && !template.isLiteral()) {
            throw new MappingException(rule + ": rml:reference and rml:template take a string");
        }
        boolean literalHints = datatype != null || language != null || datatypeMapNode != null || languageMapNode != null;
        TermType termType;
        if (termTypeNode != null) {
            termType = termType(termTypeNode, rule);
        } else if (constant != null) {
            termType = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
        } else if (position == Position.OBJECT && (reference != null || execution != null || literalHints)
                || position == Position.LANGUAGE || position == Position.INPUT) {
            termType = TermType.LITERAL;
        } else {
            termType = TermType.IRI;
        }
        if (kinds == 0 && termType != TermType.BLANK_NODE) {
            throw new MappingException(rule + ": needs rml:constant, rml:reference, rml:template or rml:functionExecution");
        }
        if (constant != null) {
            if (constant.isBlank()) {
                throw new MappingException(rule + ": rml:constant must be an IRI or a literal, not a blank node");
            }
            TermType actual = constant.isLiteral() ? TermType.LITERAL : TermType.IRI;
            if (termTypeNode != null && actual != termType && !(actual == TermType.IRI && (termType == TermType.UNSAFE_IRI || termType == TermType.URI))) {
                throw new MappingException(rule + ": rml:termType does not match the constant " + constant);
            }
        }
        checkTermType(termType, position, rule);
        if (literalHints && termType != TermType.LITERAL) {
            throw new MappingException(rule + ": rml:datatype and rml:language only apply to literals");
        }
        if ((datatype != null || datatypeMapNode != null) && (language != null || languageMapNode != null)) {
            throw new MappingException(rule + ": a literal cannot have both a datatype and a language");
        }
        if (datatype != null && datatypeMapNode != null || language != null && languageMapNode != null) {
            throw new MappingException(rule + ": give either a constant datatype/language or a map, not both");
        }
        if (datatype != null && !datatype.isURI()) {
            throw new MappingException(rule + ": rml:datatype must be an IRI, not " + datatype);
        }
        String lang = null;
        if (language != null) {
            if (!language.isLiteral()) {
                throw new MappingException(rule + ": rml:language must be a language tag (a string), not " + language);
            }
            String problem = LanguageTag.problem(language.getLiteralLexicalForm());
            if (problem != null) {
                throw new MappingException(rule + ": rml:language \"" + language.getLiteralLexicalForm()
                        + "\" is not a valid BCP 47 language tag: " + problem);
            }
            lang = language.getLiteralLexicalForm();
        }
        Template parsed = null;
        if (template != null) {
            try {
                parsed = Template.parse(template.getLiteralLexicalForm());
            } catch (MappingException e) {
                throw new MappingException(rule + ": " + e.getMessage());
            }
        }
        if (constant != null && constant.isLiteral() && (datatype != null || language != null)) {
            throw new MappingException(rule + ": a constant literal carries its own datatype and language");
        }
        TermMap datatypeMap = datatypeMapNode == null ? null
                : termMap(datatypeMapNode, Position.DATATYPE, "datatype map of the " + rule);
        TermMap languageMap = languageMapNode == null ? null
                : termMap(languageMapNode, Position.LANGUAGE, "language map of the " + rule);
        FunctionValue function = execution == null ? null : functionValue(execution, returnNode, returnMapNode, rule);
        TermMap condition = conditionNode == null ? null
                : termMap(conditionNode, Position.INPUT, "condition (rml:condition) of the " + rule);
        return new TermMap(rule, constant, reference == null ? null : reference.getLiteralLexicalForm(), parsed,
                termType, datatype, lang, datatypeMap, languageMap, function, condition);
    }

    /** Reads {@code rml:functionExecution} (with {@code rml:return} or {@code rml:returnMap}) of the term map {@code rule}. */
    private FunctionValue functionValue(Node execution, Node returnNode, Node returnMapNode, String rule) {
        if (execution.isLiteral()) {
            throw new MappingException(rule + ": rml:functionExecution must be a function execution (a resource), not "
                    + execution);
        }
        if (returnNode != null && returnMapNode != null) {
            throw new MappingException(rule + ": give either rml:return or rml:returnMap, not both");
        }
        String name = execution.isBlank() ? "(a blank node)" : name(execution);
        String where = "function execution " + name + " of the " + rule;
        if (!reading.add(execution)) {
            throw new MappingException(where + ": the function execution is, through its inputs, its own input");
        }
        try {
            List<Node> functions = mapping.objects(execution, Rml.function);
            List<Node> functionMaps = mapping.objects(execution, Rml.functionMap);
            if (functions.size() + functionMaps.size() != 1) {
                throw new MappingException(where + ": needs exactly one rml:function or rml:functionMap, it has "
                        + (functions.size() + functionMaps.size()));
            }
            TermMap functionMap = functions.isEmpty()
                    ? termMap(functionMaps.get(0), Position.FUNCTION, "function map of the " + where)
                    : constant(functions.get(0), Position.FUNCTION, "rml:function of the " + where);
            FnoFunction function = null;
            if (functionMap.constant() != null) {
                Node iri = functionMap.constant();
                function = library.get(iri.getURI()).orElseThrow(() -> new MappingException(rule + ": unknown function "
                        + mapping.shortName(iri) + " (in function execution " + name + "); the converter implements "
                        + library.functions().size() + " functions, listed in its README"));
            }
            String fn = function == null ? "the function" : "the function " + mapping.shortName(functionMap.constant());

            List<FunctionValue.Input> inputs = new ArrayList<>();
            Set<Integer> given = new HashSet<>();
            boolean allConstant = true;
            for (Node input : mapping.objects(execution, Rml.input)) {
                if (input.isLiteral()) {
                    throw new MappingException(where + ": rml:input must be an input (a resource), not " + input);
                }
                List<Node> parameters = mapping.objects(input, Rml.parameter);
                List<Node> parameterMaps = mapping.objects(input, Rml.parameterMap);
                if (parameters.size() + parameterMaps.size() != 1) {
                    throw new MappingException(where + ": each rml:input needs exactly one rml:parameter or rml:parameterMap, one has "
                            + (parameters.size() + parameterMaps.size()));
                }
                TermMap parameterMap = parameters.isEmpty()
                        ? termMap(parameterMaps.get(0), Position.FUNCTION, "parameter map of an input of the " + where)
                        : constant(parameters.get(0), Position.FUNCTION, "rml:parameter of an input of the " + where);
                int index = -1;
                String parameterName = "a parameter";
                if (parameterMap.constant() != null) {
                    parameterName = "parameter " + mapping.shortName(parameterMap.constant());
                    if (function != null) {
                        index = function.parameterIndex(parameterMap.constant().getURI());
                        if (index < 0) {
                            throw new MappingException(where + ": " + fn + " has no " + parameterName + " (its parameters: "
                                    + function.parameterNames() + ")");
                        }
                        if (!given.add(index)) {
                            throw new MappingException(where + ": " + parameterName + " is given more than once");
                        }
                    }
                } else {
                    allConstant = false;
                }
                List<Node> values = mapping.objects(input, Rml.inputValue);
                List<Node> valueMaps = mapping.objects(input, Rml.inputValueMap);
                if (values.size() + valueMaps.size() != 1) {
                    throw new MappingException(where + ": the input of " + parameterName
                            + " needs exactly one rml:inputValue or rml:inputValueMap, it has " + (values.size() + valueMaps.size()));
                }
                String valueRule = "input value of " + parameterName + " of the " + where;
                TermMap value = values.isEmpty() ? termMap(valueMaps.get(0), Position.INPUT, valueRule)
                        : constant(values.get(0), Position.INPUT, valueRule);
                inputs.add(new FunctionValue.Input(parameterMap, index, value));
            }
            if (function != null && allConstant) {
                for (int i = 0; i < function.parameters().size(); i++) {
                    if (function.parameters().get(i).required() && !given.contains(i)) {
                        throw new MappingException(where + ": " + fn + " needs its parameter "
                                + FnoFunction.shortName(function.parameters().get(i).iri()) + ", which has no rml:input");
                    }
                }
            }

            TermMap returnMap = returnNode != null ? constant(returnNode, Position.FUNCTION, "rml:return of the " + rule)
                    : returnMapNode != null ? termMap(returnMapNode, Position.FUNCTION, "return map of the " + rule) : null;
            int output = returnMap == null ? 0 : -1;
            if (returnMap != null && returnMap.constant() != null && function != null) {
                output = function.outputIndex(returnMap.constant().getURI());
                if (output < 0) {
                    throw new MappingException(rule + ": " + fn + " has no output " + mapping.shortName(returnMap.constant())
                            + " (its outputs: " + function.outputNames() + ")");
                }
            }
            return new FunctionValue(new FunctionValue.FunctionExecution(name, functionMap, function, List.copyOf(inputs)),
                    returnMap, output);
        } finally {
            reading.remove(execution);
        }
    }

    /** An IRI relative to the mapping's base ({@code <#Execution>}) when it is under it, else as the mapping writes it. */
    private String name(Node iri) {
        String s = iri.getURI();
        if (base != null && s.startsWith(base) && s.length() > base.length()) {
            return "<" + s.substring(base.length()) + ">";
        }
        return mapping.shortName(iri);
    }

    private TermType termType(Node node, String rule) {
        if (node.equals(Rml.IRI)) {
            return TermType.IRI;
        }
        if (node.equals(Rml.URI)) {
            return TermType.URI;
        }
        if (node.equals(Rml.UnsafeIRI)) {
            return TermType.UNSAFE_IRI;
        }
        if (node.equals(Rml.BlankNode)) {
            return TermType.BLANK_NODE;
        }
        if (node.equals(Rml.Literal)) {
            return TermType.LITERAL;
        }
        throw new MappingException(rule + ": unknown rml:termType " + node);
    }

    private static void checkTermType(TermType type, Position position, String rule) {
        boolean iri = type == TermType.IRI || type == TermType.URI || type == TermType.UNSAFE_IRI;
        boolean ok = switch (position) {
            case SUBJECT, GRAPH -> iri || type == TermType.BLANK_NODE;
            case PREDICATE, DATATYPE, FUNCTION -> iri;
            case OBJECT, INPUT -> true;
            case LANGUAGE -> type == TermType.LITERAL;
        };
        if (!ok) {
            throw new MappingException(rule + ": cannot generate " + words(type) + "s here");
        }
    }

    static String words(TermType type) {
        return switch (type) {
            case IRI, URI, UNSAFE_IRI -> "IRI";
            case BLANK_NODE -> "blank node";
            case LITERAL -> "literal";
        };
    }

    private Node single(Node s, Node p, String what, boolean required) {
        return mapping.single(s, p, what, required);
    }
}
