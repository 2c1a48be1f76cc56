package mx.zocalo.server.table;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIs;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * Turns a literal of the query into a constant of the type of what it is compared with: {@code 2013} or
 * {@code '2013'} against a number column is the number 2013, against a {@code gYear} column the year 2013;
 * {@code '2014-01-01'} against a date column the date, against a {@code dateTime} column its midnight;
 * {@code 'Nuevo León'} against a text column in Spanish {@code "Nuevo León"@es}; a text against a link column must be
 * an IRI. Anything else is a {@code type} error that names the column and says what it holds.
 */
final class Literals {
    private final String parameter;

    Literals(String parameter) {
        this.parameter = parameter;
    }

    /**
     * {@code literal} as a constant for comparing with {@code other}; {@code tagged} asks for a text constant in
     * {@code other}'s language (for {@code =}, {@code !=}, {@code IN}), else a plain string.
     */
    NodeValue coerce(Expr literal, Typed other, boolean tagged) {
        ColumnType type = other.type();
        String name = other.ref() != null ? other.ref().path() : describe(other.source());
        if (literal instanceof Expr.Null) throw error("null-compare", literal, Map.of());
        switch (type.kind()) {
            case NUMBER -> {
                if (literal instanceof Expr.Number n) return number(n);
                if (literal instanceof Expr.Text t) {
                    try {
                        BigDecimal d = new BigDecimal(t.value().trim());
                        return number(new Expr.Number(d, t.value().trim(), t.position()));
                    } catch (NumberFormatException e) {
                        throw error("not-a-number", literal, Map.of("name", name, "value", shown(literal)));
                    }
                }
            }
            case DATE -> {
                String text = literal instanceof Expr.Text t ? t.value().trim()
                        : literal instanceof Expr.Number n && n.integral() && type == ColumnType.GYEAR ? n.lexical() : null;
                if (text != null) {
                    NodeValue v = date(type, text);
                    if (v != null) return v;
                }
                throw error("not-a-date", literal, Map.of("name", name, "value", shown(literal), "example", example(type)));
            }
            case BOOLEAN -> {
                if (literal instanceof Expr.Bool b) return NodeValue.makeBoolean(b.value());
                if (literal instanceof Expr.Text t && (t.value().equalsIgnoreCase("true") || t.value().equalsIgnoreCase("false"))) {
                    return NodeValue.makeBoolean(Boolean.parseBoolean(t.value().toLowerCase(java.util.Locale.ROOT)));
                }
                throw error("not-a-boolean", literal, Map.of("name", name, "value", shown(literal)));
            }
            case TEXT -> {
                if (literal instanceof Expr.Text t) {
                    return tagged && !other.language().isEmpty() ? NodeValue.makeNode(NodeFactory.createLiteralLang(t.value(), other.language()))
                            : NodeValue.makeString(t.value());
                }
                throw error("text-needs-quotes", literal, Map.of("name", name, "value", shown(literal)));
            }
            case LINK -> {
                if (literal instanceof Expr.Text t && isIri(t.value().trim())) return NodeValue.makeNode(NodeFactory.createURI(t.value().trim()));
                throw error("link-needs-iri", literal, Map.of("name", name, "value", shown(literal)));
            }
            default -> { }
        }
        throw error("type-mismatch", literal, Map.of("left", name, "leftType", type.apiName(), "right", shown(literal),
                "rightType", natural(literal)));
    }

    /** A literal compared with another literal: its own type. */
    NodeValue own(Expr literal) {
        if (literal instanceof Expr.Number n) return number(n);
        if (literal instanceof Expr.Text t) return NodeValue.makeString(t.value());
        if (literal instanceof Expr.Bool b) return NodeValue.makeBoolean(b.value());
        throw error("null-compare", literal, Map.of());
    }

    static String natural(Expr literal) {
        if (literal instanceof Expr.Number) return "number";
        if (literal instanceof Expr.Bool) return "boolean";
        return "text";
    }

    private static NodeValue number(Expr.Number n) {
        String lex = n.lexical().startsWith("+") ? n.lexical().substring(1) : n.lexical();
        if (n.integral()) return NodeValue.makeNode(NodeFactory.createLiteralDT(lex, XSDDatatype.XSDinteger));
        if (lex.contains("e") || lex.contains("E")) return NodeValue.makeNode(NodeFactory.createLiteralDT(lex, XSDDatatype.XSDdouble));
        return NodeValue.makeNode(NodeFactory.createLiteralDT(n.value().toPlainString(), XSDDatatype.XSDdecimal));
    }

    /** The date constant of {@code text} for a column of {@code type}, or null when it is not one. */
    private static NodeValue date(ColumnType type, String text) {
        RDFDatatype dt = switch (type) {
            case DATE -> XSDDatatype.XSDdate;
            case GYEAR -> XSDDatatype.XSDgYear;
            case GYEARMONTH -> XSDDatatype.XSDgYearMonth;
            default -> XSDDatatype.XSDdateTime;
        };
        String lex = text;
        if (type == ColumnType.DATETIME && text.matches("\\d{4}-\\d{2}-\\d{2}")) lex = text + "T00:00:00";
        if (!dt.isValid(lex)) return null;
        return NodeValue.makeNode(NodeFactory.createLiteralDT(lex, dt));
    }

    private static String example(ColumnType type) {
        return switch (type) {
            case GYEAR -> "2014";
            case GYEARMONTH -> "2014-03";
            case DATETIME -> "2014-03-31T18:00:00";
            default -> "2014-03-31";
        };
    }

    private static boolean isIri(String s) {
        if (!s.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) return false;
        try {
            return IRIs.check(s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String shown(Expr literal) {
        if (literal instanceof Expr.Text t) return "'" + t.value().replace("'", "''") + "'";
        if (literal instanceof Expr.Number n) return n.lexical();
        if (literal instanceof Expr.Bool b) return String.valueOf(b.value());
        if (literal instanceof Expr.Null) return "NULL";
        return describe(literal);
    }

    static String describe(Expr e) {
        if (e instanceof Expr.Column c) return c.path();
        if (e instanceof Expr.Call c) return c.function() + "(…)";
        return "…";
    }

    private SoqlException error(String code, Expr at, Map<String, String> values) {
        return new SoqlException(code, parameter, at.position(), shown(at), values);
    }
}
