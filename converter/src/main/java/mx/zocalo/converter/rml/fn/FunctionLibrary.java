package mx.zocalo.converter.rml.fn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The functions RML-FNML mappings can call, by IRI: a subset of GREL ({@code grel:}, as described at
 * https://fno.io/grel/ and implemented by RMLMapper), of the IDLab functions ({@code idlab-fn:}) and the example
 * functions of the RML-FNML test cases ({@code fns:}), and Zócalo's own ({@code zf:}: coordinates, WKT, codes). Parameters and outputs carry the IRIs and predicates of
 * their FnO descriptions, so mappings can use either.
 *
 * <p>Shared rules: a string function given no value (an empty cell) returns no result; numbers that are not
 * numbers are {@link FunctionException}s, which the engine reports as errors of the row.
 */
public final class FunctionLibrary {
    public static final String GREL = "http://users.ugent.be/~bjdmeest/function/grel.ttl#";
    public static final String IDLAB = "https://w3id.org/imec/idlab/function#";
    public static final String FNS = "http://example.com/functions/";
    /** Zócalo's functions: coordinates, WKT, codes ({@link ZocaloFunctions}). */
    public static final String ZF = ZocaloFunctions.ZF;
    private static final String XSD = FnoFunction.XSD;

    // GREL parameters and outputs
    private static final FnoParameter VALUE = new FnoParameter(GREL + "valueParam", GREL + "valueParameter", XSD + "string", true);
    private static final FnoParameter VALUE2 = new FnoParameter(GREL + "valueParam2", GREL + "valueParameter2", XSD + "string", true);
    private static final FnoParameter FIND = new FnoParameter(GREL + "param_find", GREL + "p_string_find", XSD + "string", true);
    private static final FnoParameter REPLACE = new FnoParameter(GREL + "param_replace", GREL + "p_string_replace", XSD + "string", true);
    private static final FnoParameter FROM = new FnoParameter(GREL + "p_int_i_from", GREL + "param_int_i_from", XSD + "int", true);
    private static final FnoParameter TO = new FnoParameter(GREL + "p_int_i_opt_to", GREL + "param_int_i_opt_to", XSD + "int", false);
    private static final FnoParameter MODE = new FnoParameter(GREL + "modeParam", GREL + "modeParameter", XSD + "string", true);
    private static final FnoParameter SUB = new FnoParameter(GREL + "param_string_sub", GREL + "string_sub", XSD + "string", true);
    private static final FnoOutput STRING_OUT = new FnoOutput(GREL + "stringOut", GREL + "stringOutput", XSD + "string");
    private static final FnoOutput NUMBER_OUT = new FnoOutput(GREL + "output_number", GREL + "o_number", XSD + "integer");
    private static final FnoParameter BOOL_B = new FnoParameter(GREL + "bool_b", GREL + "param_bool_b", XSD + "boolean", true);
    private static final FnoOutput BOOL_OUT = new FnoOutput(GREL + "output_bool", GREL + "o_bool", XSD + "boolean");

    // IDLab parameters and outputs
    private static final FnoParameter STR = new FnoParameter(IDLAB + "_str", IDLAB + "str", XSD + "string", false);
    private static final FnoParameter OTHER_STR = new FnoParameter(IDLAB + "_otherStr", IDLAB + "otherStr", XSD + "string", false);
    private static final FnoParameter DELIMITER = new FnoParameter(IDLAB + "_delimiter", IDLAB + "delimiter", XSD + "string", false);
    private static final FnoParameter STR_BOOLEAN = new FnoParameter(IDLAB + "_strBoolean", IDLAB + "strBoolean", XSD + "string", false);
    private static final FnoOutput IDLAB_STRING_OUT = new FnoOutput(IDLAB + "_stringOut", IDLAB + "stringOut", XSD + "string");
    private static final FnoOutput IDLAB_BOOL_OUT = new FnoOutput(IDLAB + "_boolOut", IDLAB + "o_boolOut", XSD + "boolean");

    // Example functions of the RML-FNML test cases (functions.ttl)
    private static final FnoParameter FNS_STRING = new FnoParameter(FNS + "stringParameter", FNS + "hasStringParameter", XSD + "string", false);
    private static final FnoOutput FNS_STRING_OUT = new FnoOutput(FNS + "stringOutput", FNS + "hasStringOutput", XSD + "string");
    private static final FnoOutput FNS_PROTOCOL_OUT = new FnoOutput(FNS + "protocolOutput", FNS + "hasProtocolOutput", XSD + "string");
    private static final FnoOutput FNS_DOMAIN_OUT = new FnoOutput(FNS + "domainOutput", FNS + "hasDomainOutput", XSD + "string");

    /** Built after the parameter and output constants it uses. */
    private static final FunctionLibrary STANDARD = new FunctionLibrary();

    private final Map<String, FnoFunction> functions = new LinkedHashMap<>();

    private FunctionLibrary() {
        // GREL
        one(GREL + "toUpperCase", List.of(VALUE), STRING_OUT, a -> str(a[0]) == null ? null : str(a[0]).toUpperCase(Locale.ROOT));
        one(GREL + "toLowerCase", List.of(VALUE), STRING_OUT, a -> str(a[0]) == null ? null : str(a[0]).toLowerCase(Locale.ROOT));
        one(GREL + "string_toTitlecase", List.of(VALUE), STRING_OUT, a -> titlecase(str(a[0])));
        one(GREL + "string_trim", List.of(VALUE), STRING_OUT, a -> str(a[0]) == null ? null : str(a[0]).strip());
        one(GREL + "string_replace", List.of(VALUE, FIND, REPLACE), STRING_OUT, a -> replace(str(a[0]), str(a[1]), str(a[2])));
        one(GREL + "string_length", List.of(VALUE), NUMBER_OUT, a -> str(a[0]) == null ? null : str(a[0]).codePointCount(0, str(a[0]).length()));
        one(GREL + "string_substring", List.of(VALUE, FROM, TO), STRING_OUT, a -> substring(str(a[0]), (Integer) a[1], (Integer) a[2]));
        one(GREL + "string_contains", List.of(VALUE, SUB), BOOL_OUT, a -> test(str(a[0]), str(a[1]), String::contains));
        one(GREL + "string_startsWith", List.of(VALUE, SUB), BOOL_OUT, a -> test(str(a[0]), str(a[1]), String::startsWith));
        one(GREL + "string_endsWith", List.of(VALUE, SUB), BOOL_OUT, a -> test(str(a[0]), str(a[1]), String::endsWith));
        one(GREL + "boolean_not", List.of(BOOL_B), BOOL_OUT, a -> a[0] == null ? null : !(Boolean) a[0]);
        one(GREL + "escape", List.of(VALUE, MODE), STRING_OUT, a -> escape(str(a[0]), str(a[1])));
        one(GREL + "string_md5", List.of(VALUE), STRING_OUT, a -> digest(str(a[0]), "MD5"));
        one(GREL + "string_sha1", List.of(VALUE), STRING_OUT, a -> digest(str(a[0]), "SHA-1"));
        // IDLab
        one(IDLAB + "toUpperCaseURL", List.of(STR), IDLAB_STRING_OUT, a -> toUpperCaseUrl(str(a[0])));
        one(IDLAB + "equal", List.of(VALUE, VALUE2), IDLAB_BOOL_OUT, a -> Objects.equals(a[0], a[1]));
        one(IDLAB + "notEqual", List.of(VALUE, VALUE2), IDLAB_BOOL_OUT, a -> !Objects.equals(a[0], a[1]));
        one(IDLAB + "isNull", List.of(STR), IDLAB_BOOL_OUT, a -> a[0] == null);
        one(IDLAB + "concat", List.of(STR, OTHER_STR, DELIMITER), IDLAB_STRING_OUT, a -> concat(str(a[0]), str(a[1]), str(a[2])));
        one(IDLAB + "trueCondition", List.of(STR_BOOLEAN, STR), IDLAB_STRING_OUT, a -> "true".equals(a[0]) ? a[1] : null);
        one(IDLAB + "alwaysReturnsABC", List.of(), IDLAB_STRING_OUT, a -> "ABC");
        // Example functions of the RML-FNML test cases
        one(FNS + "helloworld", List.of(), FNS_STRING_OUT, a -> "Hello World!");
        one(FNS + "schema", List.of(FNS_STRING), FNS_STRING_OUT, a -> a[0] == null ? null : "https://schema.org/" + a[0]);
        add(new FnoFunction(FNS + "parseURL", List.of(FNS_STRING), List.of(FNS_PROTOCOL_OUT, FNS_DOMAIN_OUT, FNS_STRING_OUT),
                a -> parseUrl(str(a[0]))));
        // Zócalo's: coordinates, WKT, codes
        ZocaloFunctions.all().forEach(this::add);
    }

    /** The functions this converter implements. */
    public static FunctionLibrary standard() {
        return STANDARD;
    }

    /** The function with this IRI, if the library implements it. */
    public Optional<FnoFunction> get(String iri) {
        return Optional.ofNullable(functions.get(iri));
    }

    public Collection<FnoFunction> functions() {
        return functions.values();
    }

    private interface OneResult {
        Object apply(Object[] args);
    }

    private void one(String iri, List<FnoParameter> parameters, FnoOutput output, OneResult body) {
        add(new FnoFunction(iri, parameters, List.of(output), a -> new Object[] {body.apply(a)}));
    }

    private void add(FnoFunction f) {
        functions.put(f.iri(), f);
    }

    private static String str(Object o) {
        return (String) o;
    }

    // --- implementations -------------------------------------------------------------------------------------

    /** GREL toTitlecase: the first letter of each whitespace-separated word upper case, the others lower case. */
    static String titlecase(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                out.appendCodePoint(cp);
                start = true;
            } else {
                out.appendCodePoint(start ? Character.toTitleCase(cp) : Character.toLowerCase(cp));
                start = false;
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** GREL replace with a string to find: every occurrence, left to right, not a regular expression. */
    static String replace(String s, String find, String replacement) {
        if (s == null) {
            return null;
        }
        if (find == null || find.isEmpty()) {
            return s;
        }
        return s.replace(find, replacement == null ? "" : replacement);
    }

    /**
     * GREL substring: characters {@code from} (inclusive) to {@code to} (exclusive, or the end); negative positions
     * count from the end. A range outside the string has no result ({@code "Venus"} from 5 is the empty string,
     * from 6 nothing).
     */
    static String substring(String s, Integer from, Integer to) {
        if (s == null || from == null) {
            return null;
        }
        int length = s.length();
        int begin = from < 0 ? length + from : from;
        int end = to == null ? length : to < 0 ? length + to : to;
        if (begin < 0 || end > length || begin > end) {
            return null;
        }
        return s.substring(begin, end);
    }

    private interface StringTest {
        boolean test(String s, String sub);
    }

    private static Boolean test(String s, String sub, StringTest t) {
        return s == null || sub == null ? null : t.test(s, sub);
    }

    /** GREL escape: modes {@code html}, {@code xml}, {@code csv}, {@code url} and {@code javascript}. */
    static String escape(String s, String mode) {
        if (s == null) {
            return null;
        }
        if (mode == null) {
            throw new FunctionException("grel:escape needs a mode (html, xml, csv, url or javascript)");
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "html" -> markup(s, false);
            case "xml" -> markup(s, true);
            case "csv" -> s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                    ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
            case "url" -> URLEncoder.encode(s, StandardCharsets.UTF_8);
            case "javascript" -> javascript(s);
            default -> throw new FunctionException("grel:escape has no mode \"" + mode
                    + "\" (the modes are html, xml, csv, url and javascript)");
        };
    }

    private static String markup(String s, boolean xml) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append(xml ? "&apos;" : "'");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String javascript(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\'' -> out.append("\\'");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String digest(String s, String algorithm) {
        if (s == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    /** IDLab toUpperCaseURL: upper case, with {@code http://} in front unless it starts with {@code HTTP://} then. */
    static String toUpperCaseUrl(String s) {
        if (s == null) {
            return null;
        }
        String upper = s.toUpperCase(Locale.ROOT);
        return upper.startsWith("HTTP://") ? upper : "http://" + upper;
    }

    /** IDLab concat: the two strings, with the delimiter (if any) between them; nothing when one is missing. */
    static String concat(String s, String other, String delimiter) {
        if (s == null || other == null) {
            return null;
        }
        return s + (delimiter == null ? "" : delimiter) + other;
    }

    /** fns:parseURL: {@code protocol://domain/path} → protocol, domain and path (without its first slash). */
    static Object[] parseUrl(String url) {
        if (url == null) {
            return new Object[] {null, null, null};
        }
        int scheme = url.indexOf("://");
        if (scheme <= 0) {
            throw new FunctionException("fns:parseURL: \"" + url + "\" is not a URL of the form protocol://domain/path");
        }
        String rest = url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String domain = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        return new Object[] {url.substring(0, scheme), domain, path};
    }
}
