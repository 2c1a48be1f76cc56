package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Bound;
import org.apache.jena.sparql.expr.E_Equals;
import org.apache.jena.sparql.expr.E_Exists;
import org.apache.jena.sparql.expr.E_GreaterThan;
import org.apache.jena.sparql.expr.E_GreaterThanOrEqual;
import org.apache.jena.sparql.expr.E_LessThan;
import org.apache.jena.sparql.expr.E_LessThanOrEqual;
import org.apache.jena.sparql.expr.E_LogicalAnd;
import org.apache.jena.sparql.expr.E_LogicalNot;
import org.apache.jena.sparql.expr.E_LogicalOr;
import org.apache.jena.sparql.expr.E_NotEquals;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.expr.E_NotOneOf;
import org.apache.jena.sparql.expr.E_OneOf;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.E_StrLowerCase;
import org.apache.jena.sparql.expr.E_StrUpperCase;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * Resolves the names of one SoQL parameter against the table and compiles it into SPARQL expressions, checking types
 * on the way. Conditions follow SQL's three-valued logic through SPARQL's errors: a comparison with a missing value is
 * an error, which {@code NOT} keeps and {@code FILTER} drops, exactly as SQL's unknown. A condition on a multi-valued
 * column asks whether any of the row's values meets it ({@code EXISTS}).
 */
final class ExprCompiler {
    enum Clause { WHERE, SELECT, GROUP, HAVING, ORDER }

    private final Scope scope;
    private final String parameter;
    private final Clause clause;
    private final Literals literals;
    private final AggregateCompiler aggregates;
    /** The multi-valued columns met in the predicate being compiled, each with the variable of one of its values. */
    private Map<Column, Var> exists;
    boolean inAggregate;

    ExprCompiler(Scope scope, String parameter, Clause clause) {
        this.scope = scope;
        this.parameter = parameter;
        this.clause = clause;
        this.literals = new Literals(parameter);
        this.aggregates = new AggregateCompiler(this, scope);
    }

    String parameter() {
        return parameter;
    }

    // ---- conditions

    org.apache.jena.sparql.expr.Expr condition(Expr e) {
        if (e instanceof Expr.And a) return new E_LogicalAnd(condition(a.left()), condition(a.right()));
        if (e instanceof Expr.Or o) return new E_LogicalOr(condition(o.left()), condition(o.right()));
        if (e instanceof Expr.Not n) return new E_LogicalNot(condition(n.operand()));
        if (e instanceof Expr.Bool b) return NodeValue.makeBoolean(b.value());
        if (e instanceof Expr.Compare || e instanceof Expr.In || e instanceof Expr.Between || e instanceof Expr.Like
                || e instanceof Expr.IsNull) {
            return predicate(e);
        }
        if (e instanceof Expr.Column c && c.subfield() == null && scope.table.column(c.name())
                .filter(col -> col.type() == ColumnType.BOOLEAN).isPresent()) {
            return predicate(Expr.compare("=", e, new Expr.Bool(true, e.position())));
        }
        Typed t = e instanceof Expr.Column ? null : value(e);
        if (t == null) throw error("not-a-condition", e, Map.of());
        if (t.kind() == ColumnType.Kind.BOOLEAN) return t.expr();
        throw error("not-a-condition", e, Map.of());
    }

    /** One comparison, wrapped in EXISTS over the multi-valued columns it reads. */
    private org.apache.jena.sparql.expr.Expr predicate(Expr e) {
        Map<Column, Var> saved = exists;
        exists = new LinkedHashMap<>();
        try {
            if (e instanceof Expr.IsNull n) return isNull(n);
            org.apache.jena.sparql.expr.Expr test = comparison(e);
            return exists.isEmpty() ? test : new E_Exists(anyValue(test));
        } finally {
            exists = saved;
        }
    }

    /** {@code { ?row p ?v ... FILTER(test) }} over the multi-valued columns met. */
    private Op anyValue(org.apache.jena.sparql.expr.Expr test) {
        BasicPattern bgp = new BasicPattern();
        ExprList filters = new ExprList();
        exists.forEach((c, v) -> {
            bgp.add(Triple.create(scope.row, NodeFactory.createURI(c.property()), v));
            org.apache.jena.sparql.expr.Expr lang = RowPattern.languageTest(scope.table, c, v);
            if (lang != null) filters.add(lang);
        });
        filters.add(test);
        return OpFilter.filterBy(filters, new OpBGP(bgp));
    }

    private org.apache.jena.sparql.expr.Expr isNull(Expr.IsNull n) {
        if (!(n.operand() instanceof Expr.Column)) throw error("is-null-needs-column", n.operand(), Map.of());
        Typed t = value(n.operand());
        if (!exists.isEmpty()) {
            Op any = anyValue(NodeValue.TRUE);
            return n.negated() ? new E_Exists(any) : new E_NotExists(any);
        }
        E_Bound bound = new E_Bound(t.expr());
        return n.negated() ? bound : new E_LogicalNot(bound);
    }

    private org.apache.jena.sparql.expr.Expr comparison(Expr e) {
        if (e instanceof Expr.Compare c) {
            boolean equality = c.op().equals("=") || c.op().equals("!=");
            org.apache.jena.sparql.expr.Expr[] sides = sides(value(c.left()), value(c.right()), equality, c);
            return switch (c.op()) {
                case "=" -> new E_Equals(sides[0], sides[1]);
                case "!=" -> new E_NotEquals(sides[0], sides[1]);
                case "<" -> new E_LessThan(sides[0], sides[1]);
                case "<=" -> new E_LessThanOrEqual(sides[0], sides[1]);
                case ">" -> new E_GreaterThan(sides[0], sides[1]);
                default -> new E_GreaterThanOrEqual(sides[0], sides[1]);
            };
        }
        if (e instanceof Expr.In in) {
            Typed subject = value(in.operand());
            if (subject.literal()) throw error("literal-subject", in.operand(), Map.of());
            ExprList values = new ExprList();
            org.apache.jena.sparql.expr.Expr left = null;
            for (Expr v : in.values()) {
                org.apache.jena.sparql.expr.Expr[] s = sides(subject, value(v), true, in);
                left = s[0];
                values.add(s[1]);
            }
            return in.negated() ? new E_NotOneOf(left, values) : new E_OneOf(left, values);
        }
        if (e instanceof Expr.Between b) {
            Typed subject = value(b.operand());
            org.apache.jena.sparql.expr.Expr[] low = sides(subject, value(b.low()), false, b);
            org.apache.jena.sparql.expr.Expr[] high = sides(subject, value(b.high()), false, b);
            org.apache.jena.sparql.expr.Expr both = new E_LogicalAnd(new E_GreaterThanOrEqual(low[0], low[1]),
                    new E_LessThanOrEqual(high[0], high[1]));
            return b.negated() ? new E_LogicalNot(both) : both;
        }
        Expr.Like like = (Expr.Like) e;
        Typed subject = value(like.operand());
        if (subject.literal() || subject.kind() != ColumnType.Kind.TEXT && subject.kind() != ColumnType.Kind.LINK) {
            throw error("like-needs-text", like.operand(), Map.of("name", name(subject)));
        }
        if (!(like.pattern() instanceof Expr.Text pattern)) throw error("like-pattern", like.pattern(), Map.of());
        E_Regex regex = new E_Regex(new E_Str(subject.expr()), NodeValue.makeString(LikePattern.regex(pattern.value())), NodeValue.makeString("s"));
        return like.negated() ? new E_LogicalNot(regex) : regex;
    }

    /**
     * The two sides of a comparison, typed alike: a literal takes the other side's type; text is compared as strings
     * (the value of a column in one language against a constant in that language, for equality).
     */
    private org.apache.jena.sparql.expr.Expr[] sides(Typed a, Typed b, boolean equality, Expr at) {
        if (a.literal() && b.literal()) return new org.apache.jena.sparql.expr.Expr[] {literals.own(a.source()), literals.own(b.source())};
        if (a.literal()) {
            org.apache.jena.sparql.expr.Expr[] s = sides(b, a, equality, at);
            return new org.apache.jena.sparql.expr.Expr[] {s[1], s[0]};
        }
        if (!equality && a.kind() == ColumnType.Kind.LINK && (b.literal() || b.kind() == ColumnType.Kind.LINK)) {
            throw error("link-order", at, Map.of("name", name(a)));
        }
        if (b.literal()) {
            NodeValue constant = literals.coerce(b.source(), a, equality);
            boolean direct = a.kind() != ColumnType.Kind.TEXT || equality && !a.language().isEmpty();
            return new org.apache.jena.sparql.expr.Expr[] {direct ? a.expr() : new E_Str(a.expr()), constant};
        }
        if (a.kind() != b.kind() || a.kind() == ColumnType.Kind.DATE && a.type() != b.type()) {
            throw error("type-mismatch", at, Map.of("left", name(a), "leftType", a.type().apiName(), "right", name(b),
                    "rightType", b.type().apiName()));
        }
        if (a.kind() == ColumnType.Kind.TEXT) return new org.apache.jena.sparql.expr.Expr[] {new E_Str(a.expr()), new E_Str(b.expr())};
        return new org.apache.jena.sparql.expr.Expr[] {a.expr(), b.expr()};
    }

    // ---- values

    /** A column, a label, {@code :id}, an alias, a literal (left untyped) or a call. */
    Typed value(Expr e) {
        if (e instanceof Expr.Text || e instanceof Expr.Number || e instanceof Expr.Bool || e instanceof Expr.Null) return Typed.literal(e);
        if (e instanceof Expr.Column c) return column(c);
        if (e instanceof Expr.Call c) {
            if (Aggregates.NAMES.contains(c.function())) {
                if (clause == Clause.WHERE || clause == Clause.GROUP) throw error("aggregate-in-where", c, Map.of("function", c.function()));
                if (inAggregate) throw error("nested-aggregate", c, Map.of("function", c.function()));
                return aggregates.compile(c);
            }
            return function(c);
        }
        if (e instanceof Expr.Star) throw error("star-alone", e, Map.of());
        return new Typed(condition(e), ColumnType.BOOLEAN, "", null, Aggregates.contains(e), e);
    }

    private Typed function(Expr.Call c) {
        switch (c.function()) {
            case "upper", "lower" -> {
                if (c.args().size() != 1) throw error("arity", c, Map.of("function", c.function(), "n", "1"));
                Typed arg = value(c.args().get(0));
                if (arg.literal() || arg.kind() != ColumnType.Kind.TEXT && arg.kind() != ColumnType.Kind.LINK) {
                    throw error("text-function", c, Map.of("function", c.function(), "name", name(arg)));
                }
                org.apache.jena.sparql.expr.Expr str = new E_Str(arg.expr());
                return new Typed(c.function().equals("upper") ? new E_StrUpperCase(str) : new E_StrLowerCase(str), ColumnType.TEXT, "",
                        null, arg.aggregate(), c);
            }
            default -> throw error("unknown-function", c, Map.of("name", c.function(),
                    "known", "count, sum, avg, min, max, upper, lower"));
        }
    }

    private Typed column(Expr.Column ref) {
        String name = ref.name();
        boolean label = false;
        if (ref.subfield() != null) {
            if (!ref.subfield().equalsIgnoreCase("label")) throw error("no-subfield", ref, Map.of("name", name, "subfield", ref.subfield()));
            label = true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!label && !inAggregate && clause == Clause.ORDER && scope.aliases.containsKey(lower)) {
            Typed alias = scope.aliases.get(lower);
            Typed.Ref r = alias.ref();
            if (!scope.grouped && r != null && r.column() != null && !r.column().multiValued()) { // counts as read by $order
                if (r.label()) scope.labelVar(r.column());
                else scope.var(r.column());
            }
            return alias;
        }
        if (!label && !inAggregate && clause == Clause.HAVING && scope.aliasExpressions.containsKey(lower)) {
            return scope.aliasExpressions.get(lower);
        }
        Typed t;
        if (lower.equals(":id") && !label) {
            t = new Typed(new ExprVar(scope.row), ColumnType.LINK, "", Typed.Ref.row(), false, ref);
        } else {
            Column c = scope.table.column(name).orElseThrow(() -> noColumn(ref));
            if (label) {
                if (c.type() != ColumnType.LINK) throw error("not-a-link", ref, Map.of("name", c.name()));
                if (!c.hasLabel()) throw error("no-label", ref, Map.of("name", c.name()));
                t = new Typed(new ExprVar(scope.labelVar(c)), ColumnType.TEXT, c.labelLanguage(), Typed.Ref.label(c), false, ref);
            } else if (c.multiValued()) {
                if (exists == null || clause != Clause.WHERE || inAggregate) throw error("multi-valued", ref, Map.of("name", c.name()));
                Var v = exists.computeIfAbsent(c, k -> scope.fresh(k.name() + "_value"));
                if (scope.inFilter) scope.filterColumns.add(c);
                t = new Typed(new ExprVar(v), c.type(), c.language(), Typed.Ref.column(c), false, ref);
            } else {
                t = new Typed(new ExprVar(scope.var(c)), c.type(), c.language(), Typed.Ref.column(c), false, ref);
            }
        }
        if (scope.grouped && !inAggregate && clause != Clause.WHERE && clause != Clause.GROUP) {
            Typed key = scope.groupKeys.get(t.ref().path().toLowerCase(Locale.ROOT));
            if (key == null && t.ref().label() && scope.groupKeys.containsKey(t.ref().column().name().toLowerCase(Locale.ROOT))) {
                return t; // the label of a grouped link is grouped with it
            }
            if (key == null) throw error("not-grouped", ref, Map.of("name", t.ref().path()));
            return key;
        }
        return t;
    }

    private SoqlException noColumn(Expr.Column ref) {
        List<String> names = new ArrayList<>(scope.table.columnNames());
        String suggestion = Suggestion.closest(ref.name(), names);
        return new SoqlException(suggestion == null ? "no-column" : "no-column-suggest", parameter, ref.position(), ref.path(),
                Map.of("name", ref.name(), "columns", String.join(", ", names), "suggestion", suggestion == null ? "" : suggestion));
    }

    static String name(Typed t) {
        return t.ref() != null ? t.ref().path() : Literals.describe(t.source());
    }

    SoqlException error(String code, Expr at, Map<String, String> values) {
        String token = at instanceof Expr.Column c ? c.path() : at instanceof Expr.Call c ? c.function()
                : at instanceof Expr.Text || at instanceof Expr.Number || at instanceof Expr.Bool || at instanceof Expr.Null
                ? Literals.shown(at) : null;
        return new SoqlException(code, parameter, at.position(), token, values);
    }
}
