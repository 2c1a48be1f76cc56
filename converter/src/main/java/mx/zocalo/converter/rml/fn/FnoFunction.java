package mx.zocalo.converter.rml.fn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An FnO function ({@code fno:Function}) with its implementation: parameters in {@code fno:expects} order, outputs
 * in {@code fno:returns} order. {@link #call} converts the arguments to the parameters' types, runs the body and
 * returns one value per output; a null value is "no result" (no term is generated from it).
 */
public final class FnoFunction {
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final Map<String, String> PREFIXES = Map.of(
            "http://users.ugent.be/~bjdmeest/function/grel.ttl#", "grel:",
            "https://w3id.org/imec/idlab/function#", "idlab-fn:",
            "http://example.com/functions/", "fns:",
            "https://w3id.org/zocalo/function#", "zf:",
            "http://www.opengis.net/ont/geosparql#", "geo:",
            XSD, "xsd:");

    /** The implementation: typed arguments (null where no value was given) → one value per output. */
    @FunctionalInterface
    interface Body {
        Object[] apply(Object[] args);
    }

    private final String iri;
    private final List<FnoParameter> parameters;
    private final List<FnoOutput> outputs;
    private final Body body;

    FnoFunction(String iri, List<FnoParameter> parameters, List<FnoOutput> outputs, Body body) {
        this.iri = iri;
        this.parameters = List.copyOf(parameters);
        this.outputs = List.copyOf(outputs);
        this.body = body;
    }

    public String iri() {
        return iri;
    }

    public List<FnoParameter> parameters() {
        return parameters;
    }

    public List<FnoOutput> outputs() {
        return outputs;
    }

    /** The position of the parameter named {@code name} (its IRI or its predicate), or -1. */
    public int parameterIndex(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).isNamed(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the output named {@code name} (its IRI or its predicate), or -1. */
    public int outputIndex(String name) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).isNamed(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Calls the function.
     *
     * @param args one lexical value per parameter (null: not given, or no value on this row)
     * @return one value per output (String, Integer, Long, Boolean, BigDecimal, or null for no result)
     * @throws FunctionException when an argument cannot be converted or the function cannot compute a result
     */
    public Object[] call(String... args) {
        if (args.length != parameters.size()) {
            throw new IllegalArgumentException(shortName(iri) + " takes " + parameters.size() + " arguments, not " + args.length);
        }
        Object[] typed = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            typed[i] = convert(args[i], i);
        }
        Object[] out = body.apply(typed);
        if (out.length != outputs.size()) {
            throw new IllegalStateException(shortName(iri) + " returned " + out.length + " values for " + outputs.size() + " outputs");
        }
        return out;
    }

    /** A value as RDF writes it: numbers in plain decimal notation, booleans as {@code true}/{@code false}. */
    public static String lexical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    private Object convert(String value, int index) {
        FnoParameter parameter = parameters.get(index);
        if (value == null) {
            return null;
        }
        String type = parameter.type();
        String v = value.strip();
        try {
            switch (type.substring(type.startsWith(XSD) ? XSD.length() : 0)) {
                case "int", "integer", "long", "short" -> {
                    return Integer.parseInt(v);
                }
                case "decimal", "double", "float" -> {
                    return new BigDecimal(v);
                }
                case "boolean" -> {
                    if (v.equals("true") || v.equals("1")) {
                        return Boolean.TRUE;
                    }
                    if (v.equals("false") || v.equals("0")) {
                        return Boolean.FALSE;
                    }
                    throw new NumberFormatException();
                }
                default -> {
                    return value;
                }
            }
        } catch (NumberFormatException e) {
            throw new FunctionException("parameter " + shortName(parameter.iri()) + " of " + shortName(iri) + " expects "
                    + shortName(type) + ", and \"" + value + "\" is not one", index);
        }
    }

    /** An IRI with the usual prefixes of function vocabularies ({@code grel:}, {@code idlab-fn:}), else in brackets. */
    public static String shortName(String iri) {
        for (Map.Entry<String, String> e : PREFIXES.entrySet()) {
            if (iri.startsWith(e.getKey())) {
                return e.getValue() + iri.substring(e.getKey().length());
            }
        }
        return "<" + iri + ">";
    }

    /** The parameters in words, for messages: {@code grel:valueParam, grel:p_int_i_from}. */
    public String parameterNames() {
        return parameters.isEmpty() ? "none"
                : parameters.stream().map(p -> shortName(p.iri())).collect(Collectors.joining(", "));
    }

    /** The outputs in words, for messages. */
    public String outputNames() {
        return outputs.stream().map(o -> shortName(o.iri())).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return shortName(iri) + Arrays.toString(parameters.stream().map(p -> shortName(p.iri())).toArray())
                + " -> " + new ArrayList<>(outputs.stream().map(o -> shortName(o.iri())).toList());
    }
}
