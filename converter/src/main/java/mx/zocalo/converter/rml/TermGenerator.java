package mx.zocalo.converter.rml;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mx.zocalo.converter.rml.fn.FnoFunction;
import mx.zocalo.converter.rml.fn.FnoOutput;
import mx.zocalo.converter.rml.fn.FunctionException;
import mx.zocalo.converter.rml.fn.FunctionLibrary;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;

/**
 * Evaluates term maps against rows. Relative IRIs are prefixed with the triples map's base IRI. Blank
 * nodes made from the same value within one run are the same node; different runs never share them.
 */
final class TermGenerator {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");
    private static final String NO_BASE = "";
    private final String blankNodeScope;
    /**
     * IRI template maps whose IRIs need no check per row, with the base they were checked for. Filled by
     * {@link #prepare} before a run, only read during it (by several threads).
     */
    private final Map<TermMap, String> checkedTemplates = new IdentityHashMap<>();

    TermGenerator(String blankNodeScope) {
        this.blankNodeScope = blankNodeScope;
    }

    /**
     * Looks at a term map once before the run. An IRI template whose fixed text starts with a scheme and makes
     * a valid IRI with sample values always makes valid IRIs, as every value is percent-encoded to unreserved
     * characters; its rows then skip the IRI check (the most expensive step of a row otherwise). Not
     * thread-safe: call before {@link #generate} is used.
     */
    void prepare(TermMap map, String base) {
        Template t = map.template();
        if (t == null || !(map.termType() == TermType.IRI || map.termType() == TermType.URI) || t.parts().isEmpty()
                || !(t.parts().get(0) instanceof Template.Text first) || !isAbsolute(first.text())) {
            return;
        }
        for (String sample : new String[] {"x", "%C3%A9x-._~0"}) {
            StringBuilder iri = new StringBuilder();
            for (Template.Part part : t.parts()) {
                iri.append(part instanceof Template.Text text ? text.text() : sample);
            }
            try {
                IRIx.create(iri.toString());
            } catch (IRIException e) {
                return;
            }
        }
        checkedTemplates.put(map, base == null ? NO_BASE : base);
    }

    /**
     * The terms for this record: one per value of a reference, the cartesian product of the values of a
     * template's references; none when a value it needs is empty.
     */
    List<Node> generate(TermMap map, Record row, String base) {
        if (map.condition() != null && !holds(map.condition(), row, base)) {
            return List.of();
        }
        if (map.constant() != null) {
            return List.of(map.constant());
        }
        List<String> values;
        String outputType = null;
        if (map.reference() != null) {
            values = row.values(map.reference());
        } else if (map.template() != null) {
            values = expand(map.template(), row, map.termType());
        } else if (map.function() != null) {
            Results results = call(map.function(), map, row, base);
            values = results.values();
            outputType = results.type();
        } else {
            return List.of(NodeFactory.createBlankNode());
        }
        List<Node> terms = new ArrayList<>(values.size());
        if (outputType != null && map.termType() == TermType.LITERAL && map.datatype() == null && map.language() == null
                && map.datatypeMap() == null && map.languageMap() == null
                && !outputType.equals(XSDDatatype.XSDstring.getURI()) && !outputType.endsWith("#any")) {
            for (String value : values) { // natural datatype of the function's output (xsd:integer, xsd:boolean, ...)
                terms.add(NodeFactory.createLiteralDT(value, TypeMapper.getInstance().getSafeTypeByName(outputType)));
            }
            return terms;
        }
        if (map.reference() != null && map.termType() == TermType.LITERAL && map.datatype() == null && map.language() == null
                && map.datatypeMap() == null && map.languageMap() == null) {
            List<String> types = row.datatypes(map.reference());
            if (types != null) { // natural datatypes (JSON numbers and booleans)
                for (int i = 0; i < values.size(); i++) {
                    String type = i < types.size() ? types.get(i) : null;
                    terms.add(type == null ? NodeFactory.createLiteralString(values.get(i))
                            : NodeFactory.createLiteralDT(values.get(i), TypeMapper.getInstance().getSafeTypeByName(type)));
                }
                return terms;
            }
        }
        for (String value : values) {
            terms.add(switch (map.termType()) {
                case IRI, URI, UNSAFE_IRI -> NodeFactory.createURI(iri(value, map, row, base));
                case BLANK_NODE -> NodeFactory.createBlankNode(blankNodeScope + value);
                case LITERAL -> literal(value, map, row, base);
            });
        }
        return terms;
    }

    /** The first term for this record, or null (datatype and language maps give one term). */
    Node first(TermMap map, Record row, String base) {
        List<Node> terms = generate(map, row, base);
        return terms.isEmpty() ? null : terms.get(0);
    }

    /** A condition holds when its first value is the boolean true. */
    private boolean holds(TermMap condition, Record row, String base) {
        Node first = first(condition, row, base);
        return first != null && first.isLiteral() && (first.getLiteralLexicalForm().equals("true")
                || first.getLiteralLexicalForm().equals("1"));
    }

    /** The values of a function's output on this row, and the output's datatype. */
    private record Results(List<String> values, String type) {}

    /**
     * Calls the function of a term map on a row: once per combination of the values of its inputs (an input
     * without a value passes none); results that are null give no term.
     */
    private Results call(FunctionValue value, TermMap map, Record row, String base) {
        FunctionValue.FunctionExecution execution = value.execution();
        FnoFunction function = execution.function();
        if (function == null) {
            String iri = iriOf(first(execution.functionMap(), row, base));
            function = FunctionLibrary.standard().get(iri).orElseThrow(() -> new DataException(columnOf(map),
                    "the function map of function execution " + execution.name() + " gives the function <" + iri
                            + ">, which this converter does not implement"));
        }
        List<String[]> calls = new ArrayList<>();
        calls.add(new String[function.parameters().size()]);
        for (FunctionValue.Input input : execution.inputs()) {
            int index = input.parameter();
            if (index < 0) {
                String parameter = iriOf(first(input.parameterMap(), row, base));
                index = function.parameterIndex(parameter);
                if (index < 0) {
                    throw new DataException(columnOf(map), "the function " + FnoFunction.shortName(function.iri())
                            + " has no parameter <" + parameter + "> (its parameters: " + function.parameterNames() + ")");
                }
            }
            List<String> texts = input.value().reference() != null && input.value().condition() == null
                    ? row.functionInput(input.value().reference()) : null;
            if (texts == null) {
                texts = generate(input.value(), row, base).stream().map(TermGenerator::lexical).toList();
            }
            if (texts.isEmpty()) {
                continue;
            }
            List<String[]> next = new ArrayList<>(calls.size() * texts.size());
            for (String[] args : calls) {
                for (String text : texts) {
                    String[] more = args.clone();
                    more[index] = text;
                    next.add(more);
                }
            }
            calls = next;
        }
        int output = value.output();
        if (output < 0) {
            String name = iriOf(first(value.returnMap(), row, base));
            output = function.outputIndex(name);
            if (output < 0) {
                throw new DataException(columnOf(map), "the function " + FnoFunction.shortName(function.iri())
                        + " has no output <" + name + "> (its outputs: " + function.outputNames() + ")");
            }
        }
        FnoOutput out = function.outputs().get(output);
        List<String> values = new ArrayList<>(calls.size());
        for (String[] args : calls) {
            Object result;
            try {
                result = function.call(args)[output];
            } catch (FunctionException e) {
                String column = columnOf(map);
                if (e.parameter() >= 0) { // the columns of the value that was wrong
                    List<String> refs = new ArrayList<>();
                    boolean found = false;
                    for (FunctionValue.Input input : execution.inputs()) {
                        if (input.parameter() == e.parameter()) {
                            found = true;
                            refs.addAll(input.value().references());
                        }
                    }
                    if (found) {
                        column = refs.isEmpty() ? null : String.join("\", \"", refs);
                    }
                }
                throw new DataException(column, "function execution " + execution.name() + ": " + e.getMessage()
                        + " (arguments " + arguments(function, args) + ")");
            }
            if (result != null) {
                values.add(FnoFunction.lexical(result));
            }
        }
        return new Results(values, out.type());
    }

    private static String arguments(FnoFunction function, String[] args) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null) {
                words.add(FnoFunction.shortName(function.parameters().get(i).iri()) + " = \"" + args[i] + "\"");
            }
        }
        return words.isEmpty() ? "none" : String.join(", ", words);
    }

    private static String lexical(Node term) {
        return term.isURI() ? term.getURI() : term.isLiteral() ? term.getLiteralLexicalForm() : term.getBlankNodeLabel();
    }

    private static String iriOf(Node term) {
        return term == null ? "" : lexical(term);
    }

    private static List<String> expand(Template template, Record row, TermType type) {
        List<String> out = new ArrayList<>(List.of(""));
        for (Template.Part part : template.parts()) {
            if (part instanceof Template.Text text) {
                out.replaceAll(s -> s + text.text());
            } else {
                List<String> values = row.values(((Template.Reference) part).name());
                if (values.isEmpty()) {
                    return List.of();
                }
                List<String> next = new ArrayList<>(out.size() * values.size());
                for (String prefix : out) {
                    for (String value : values) {
                        next.add(prefix + (type == TermType.IRI ? IriSafe.encode(value)
                                : type == TermType.URI ? IriSafe.encodeUri(value) : value));
                    }
                }
                out = next;
            }
        }
        return out;
    }

    private String iri(String value, TermMap map, Record row, String base) {
        String iri = value;
        if (!isAbsolute(iri)) {
            if (base == null) {
                throw new DataException(columnOf(map), describe(map, row) + " makes the relative IRI <" + value
                        + "> and the mapping has no base IRI (give one with @base or --base)");
            }
            iri = base + iri;
        }
        if (map.termType() == TermType.UNSAFE_IRI) {
            return iri; // rml:UnsafeIRI: the value as it is, not checked
        }
        String checkedFor = checkedTemplates.get(map);
        if (checkedFor != null && checkedFor.equals(base == null ? NO_BASE : base)) {
            return iri;
        }
        try {
            IRIx.create(iri);
        } catch (IRIException e) {
            throw new DataException(columnOf(map), describe(map, row) + " makes an invalid IRI <" + iri + "> in "
                    + map.expression());
        }
        return iri;
    }

    private Node literal(String value, TermMap map, Record row, String base) {
        if (map.language() != null) {
            return NodeFactory.createLiteralLang(value, map.language());
        }
        if (map.languageMap() != null) {
            Node lang = first(map.languageMap(), row, base);
            if (lang == null) {
                return NodeFactory.createLiteralString(value);
            }
            String tag = lang.getLiteralLexicalForm();
            String problem = LanguageTag.problem(tag);
            if (problem != null) {
                throw new DataException(columnOf(map.languageMap()), "value \"" + tag
                        + "\" is not a valid language tag: " + problem + " (" + map.languageMap().expression() + ")");
            }
            return NodeFactory.createLiteralLang(value, tag);
        }
        Node datatype = map.datatype();
        if (datatype == null && map.datatypeMap() != null) {
            datatype = first(map.datatypeMap(), row, base);
        }
        if (datatype == null || datatype.getURI().equals(XSDDatatype.XSDstring.getURI())) {
            return NodeFactory.createLiteralString(value);
        }
        RDFDatatype type = TypeMapper.getInstance().getSafeTypeByName(datatype.getURI());
        if (type instanceof XSDDatatype xsd && !xsd.isValid(value)) {
            // an ill-typed literal is a data error (R2RML section 11); the publisher fixes the value or the datatype
            throw new DataException(columnOf(map), "value \"" + value + "\" does not fit its datatype xsd:"
                    + xsd.getURI().substring(xsd.getURI().indexOf('#') + 1) + " (" + map.expression() + "); if \"" + value
                    + "\" means no value, list it on the source with rml:null \"" + value + "\"");
        }
        return NodeFactory.createLiteralDT(value, type);
    }

    /** Has a scheme, so it is not resolved against the base (RFC 3986 section 3.1). */
    static boolean isAbsolute(String iri) {
        return SCHEME.matcher(iri).find();
    }

    private static String columnOf(TermMap map) {
        return map.references().isEmpty() ? null : String.join("\", \"", map.references());
    }

    private static String describe(TermMap map, Record row) {
        String values = map.references().stream().map(c -> "\"" + row.first(c) + "\"").collect(Collectors.joining(", "));
        return (map.references().size() == 1 ? "value " : "values ") + values;
    }
}
