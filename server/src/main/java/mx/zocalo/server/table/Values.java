package mx.zocalo.server.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;

/** A value of the store as a Java value: numbers as numbers, dates as {@code java.time}, text as text. */
final class Values {
    private Values() {}

    static Object of(Node n, ColumnType type, Node label) {
        if (n == null) return null;
        if (n.isURI()) {
            return type == ColumnType.LINK ? new Link(n.getURI(), label == null || !label.isLiteral() ? null : label.getLiteralLexicalForm())
                    : n.getURI();
        }
        if (n.isBlank()) return "_:" + n.getBlankNodeLabel();
        if (!n.isLiteral()) return n.toString();
        String lex = n.getLiteralLexicalForm();
        String dt = n.getLiteralDatatypeURI();
        if (!n.getLiteralDatatype().isValid(lex)) return lex;
        try {
            if (XSDDatatype.XSDdecimal.getURI().equals(dt)) return new BigDecimal(lex.trim());
            if (XSDDatatype.XSDdouble.getURI().equals(dt) || XSDDatatype.XSDfloat.getURI().equals(dt)) {
                return ((java.lang.Number) n.getLiteralValue()).doubleValue();
            }
            if (n.getLiteralValue() instanceof java.lang.Number num && isInteger(dt)) {
                BigInteger b = new BigInteger(num.toString());
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (XSDDatatype.XSDboolean.getURI().equals(dt)) return Boolean.valueOf(lex.trim().equals("true") || lex.trim().equals("1"));
            if (XSDDatatype.XSDdate.getURI().equals(dt)) return LocalDate.parse(lex.trim());
            if (XSDDatatype.XSDgYear.getURI().equals(dt)) return Year.parse(lex.trim());
            if (XSDDatatype.XSDgYearMonth.getURI().equals(dt)) return YearMonth.parse(lex.trim());
            if (XSDDatatype.XSDdateTime.getURI().equals(dt) || XSDDatatype.XSDdateTimeStamp.getURI().equals(dt)) {
                String s = lex.trim();
                return s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$") ? OffsetDateTime.parse(s) : LocalDateTime.parse(s);
            }
        } catch (DateTimeParseException | NumberFormatException | ClassCastException e) {
            return lex; // a form java.time does not read (a time zone on a date, a year past 9999): as written
        }
        return lex;
    }

    private static boolean isInteger(String dt) {
        return dt.startsWith(XSDDatatype.XSD + "#") && (dt.endsWith("nteger") || dt.endsWith("#int") || dt.endsWith("#long")
                || dt.endsWith("#short") || dt.endsWith("#byte") || dt.endsWith("Long") || dt.endsWith("Int") || dt.endsWith("Short")
                || dt.endsWith("Byte"));
    }
}
