package mx.zocalo.server.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.zocalo.server.table.SoqlLexer.Kind;
import mx.zocalo.server.table.SoqlLexer.Token;

/**
 * Recursive descent over the tokens of one SoQL parameter. The grammar, loosest binding first:
 * <pre>
 * condition := and (OR and)*
 * and       := not (AND not)*
 * not       := NOT not | predicate
 * predicate := operand [ (= | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) operand
 *                      | [NOT] IN ( operand, ... ) | [NOT] BETWEEN operand AND operand
 *                      | [NOT] LIKE operand | IS [NOT] NULL ]
 * operand   := ( condition ) | 'text' | [-]number | TRUE | FALSE | NULL | name ( args ) | name[.name] | :id
 * </pre>
 */
final class SoqlParser {
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "between", "like", "is", "null", "true",
            "false", "as", "asc", "desc");
    private final String parameter;
    private final List<Token> tokens;
    private int at;

    private SoqlParser(String parameter, String text) {
        this.parameter = parameter;
        this.tokens = SoqlLexer.tokens(parameter, text);
    }

    static List<Expr.SelectItem> select(String parameter, String text) {
        SoqlParser p = new SoqlParser(parameter, text);
        List<Expr.SelectItem> items = new ArrayList<>();
        do {
            Token first = p.peek();
            Expr e = first.is("*") ? new Expr.Star(p.next().position()) : p.condition();
            String alias = null;
            if (p.peek().is("as")) {
                p.next();
                Token name = p.next();
                if (!isName(name)) throw p.error("expected-alias", name, Map.of());
                alias = name.text();
            }
            items.add(new Expr.SelectItem(e, alias, first.position()));
        } while (p.comma());
        p.end();
        return items;
    }

    static Expr condition(String parameter, String text) {
        SoqlParser p = new SoqlParser(parameter, text);
        Expr e = p.condition();
        p.end();
        return e;
    }

    static List<Expr> list(String parameter, String text) {
        SoqlParser p = new SoqlParser(parameter, text);
        List<Expr> out = new ArrayList<>();
        do {
            out.add(p.condition());
        } while (p.comma());
        p.end();
        return out;
    }

    static List<Expr.OrderItem> order(String parameter, String text) {
        SoqlParser p = new SoqlParser(parameter, text);
        List<Expr.OrderItem> out = new ArrayList<>();
        do {
            Expr e = p.condition();
            boolean desc = false;
            if (p.peek().is("desc")) {
                p.next();
                desc = true;
            } else if (p.peek().is("asc")) {
                p.next();
            }
            out.add(new Expr.OrderItem(e, desc));
        } while (p.comma());
        p.end();
        return out;
    }

    // ---- the grammar

    private Expr condition() {
        Expr left = and();
        while (peek().is("or")) {
            Token op = next();
            left = new Expr.Or(left, and(), op.position());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().is("and")) {
            Token op = next();
            left = new Expr.And(left, not(), op.position());
        }
        return left;
    }

    private Expr not() {
        if (peek().is("not")) {
            Token op = next();
            return new Expr.Not(not(), op.position());
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = operand();
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && Set.of("=", "!=", "<", "<=", ">", ">=").contains(t.text())) {
            next();
            return new Expr.Compare(t.text(), left, operand(), t.position());
        }
        boolean negated = false;
        if (t.is("not") && (peek(1).is("in") || peek(1).is("between") || peek(1).is("like"))) {
            next();
            negated = true;
            t = peek();
        }
        if (t.is("in")) {
            next();
            expect("(");
            List<Expr> values = new ArrayList<>();
            do {
                values.add(operand());
            } while (comma());
            expect(")");
            return new Expr.In(left, values, negated, t.position());
        }
        if (t.is("between")) {
            next();
            Expr low = operand();
            expect("and");
            return new Expr.Between(left, low, operand(), negated, t.position());
        }
        if (t.is("like")) {
            next();
            return new Expr.Like(left, operand(), negated, t.position());
        }
        if (t.is("is")) {
            next();
            boolean not = false;
            if (peek().is("not")) {
                next();
                not = true;
            }
            expect("null");
            return new Expr.IsNull(left, not, t.position());
        }
        return left;
    }

    private Expr operand() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Expr.Text(t.text(), t.position());
            case NUMBER:
                return number(t, false);
            case QUOTED_NAME:
                return columnAfter(t);
            case END:
                throw error("unexpected-end", t, Map.of());
            case SYMBOL:
                if (t.is("(")) {
                    Expr inner = condition();
                    expect(")");
                    return inner;
                }
                if ((t.is("-") || t.is("+")) && peek().kind() == Kind.NUMBER) return number(next(), t.is("-"));
                throw error("expected-value", t, Map.of());
            default:
                break;
        }
        String word = t.text().toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "true", "false":
                return new Expr.Bool(word.equals("true"), t.position());
            case "null":
                return new Expr.Null(t.position());
            default:
                break;
        }
        if (RESERVED.contains(word)) throw error("expected-value", t, Map.of());
        if (peek().is("(")) {
            next();
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
                do {
                    args.add(peek().is("*") ? new Expr.Star(next().position()) : condition());
                } while (comma());
            }
            expect(")");
            return new Expr.Call(t.text(), args, t.position());
        }
        return columnAfter(t);
    }

    /** A name, and {@code .label} when a dot follows. */
    private Expr columnAfter(Token name) {
        if (peek().is(".")) {
            next();
            Token sub = next();
            if (!isName(sub)) throw error("expected-subfield", sub, Map.of("name", name.text()));
            return new Expr.Column(name.text(), sub.text(), name.position());
        }
        return new Expr.Column(name.text(), null, name.position());
    }

    private Expr number(Token t, boolean negative) {
        String lexical = (negative ? "-" : "") + t.text();
        return new Expr.Number(new BigDecimal(lexical), lexical, t.position() - (negative ? 1 : 0));
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(at);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) at++;
        return t;
    }

    private boolean comma() {
        if (!peek().is(",")) return false;
        next();
        return true;
    }

    private void expect(String symbol) {
        Token t = next();
        if (!t.is(symbol) || t.kind() == Kind.STRING) {
            throw error(t.kind() == Kind.END ? "expected-before-end" : "expected", t, Map.of("expected", symbol.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    private void end() {
        Token t = peek();
        if (t.kind() != Kind.END) throw error("unexpected-token", t, Map.of());
    }

    private static boolean isName(Token t) {
        return t.kind() == Kind.QUOTED_NAME || t.kind() == Kind.NAME && !RESERVED.contains(t.text().toLowerCase(java.util.Locale.ROOT));
    }

    private SoqlException error(String code, Token t, Map<String, String> values) {
        return new SoqlException(t.kind() == Kind.END && code.equals("expected-value") ? "unexpected-end" : code,
                parameter, t.position(), t.shown(), values);
    }
}
