package mx.zocalo.server.table;

import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Coalesce;
import org.apache.jena.sparql.expr.E_Divide;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggAvg;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggMax;
import org.apache.jena.sparql.expr.aggregate.AggMin;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;

/**
 * {@code count}, {@code sum}, {@code avg}, {@code min} and {@code max} with SQL's meaning: a row without a value is
 * left out. SPARQL's own SUM, AVG, MIN and MAX fail on a missing value (the whole group gets none), so over a column
 * that some rows lack they are written so that it does not matter: {@code SUM(COALESCE(?x, 0))},
 * {@code SUM(COALESCE(?x, 0)) / COUNT(?x)}, and {@code MIN(COALESCE(?x, stand-in))} with a stand-in beyond every value
 * (for numbers {@code "INF"^^xsd:double}), read back as "no value" when it is all a group has. Over a column every row
 * has, they are SPARQL's plain aggregates.
 */
final class AggregateCompiler {
    private final ExprCompiler exprs;
    private final Scope scope;

    AggregateCompiler(ExprCompiler exprs, Scope scope) {
        this.exprs = exprs;
        this.scope = scope;
    }

    Typed compile(Expr.Call c) {
        String f = c.function();
        if (f.equals("count") && c.args().size() == 1 && c.args().get(0) instanceof Expr.Star) {
            return result(scope.aggregate(new AggCount()), ColumnType.INTEGER, c);
        }
        if (c.args().size() != 1 || c.args().get(0) instanceof Expr.Star) {
            throw exprs.error("arity", c, Map.of("function", f, "n", "1"));
        }
        Typed arg;
        exprs.inAggregate = true;
        try {
            arg = exprs.value(c.args().get(0));
        } finally {
            exprs.inAggregate = false;
        }
        if (arg.literal()) throw exprs.error("aggregate-literal", c, Map.of("function", f));
        org.apache.jena.sparql.expr.Expr x = arg.expr();
        boolean complete = arg.ref() != null && (arg.ref().id()
                || arg.ref().column() != null && !arg.ref().label() && arg.ref().column().rows() == scope.table.rows());
        ColumnType.Kind kind = arg.kind();
        switch (f) {
            case "count" -> {
                return result(scope.aggregate(new AggCountVar(x)), ColumnType.INTEGER, c);
            }
            case "sum", "avg" -> {
                if (kind != ColumnType.Kind.NUMBER) throw typeError(c, arg);
                org.apache.jena.sparql.expr.Expr summed = complete ? x : new E_Coalesce(new ExprList(java.util.List.of(x, NodeValue.makeInteger(0))));
                if (f.equals("sum")) return result(scope.aggregate(new AggSum(summed)), arg.type(), c);
                if (complete) return result(scope.aggregate(new AggAvg(x)), ColumnType.DECIMAL, c);
                Var sum = scope.aggregate(new AggSum(summed));
                Var count = scope.aggregate(new AggCountVar(x));
                return new Typed(new E_Divide(new ExprVar(sum), new ExprVar(count)), ColumnType.DECIMAL, "", null, true, c);
            }
            default -> { // min, max
                if (kind != ColumnType.Kind.NUMBER && kind != ColumnType.Kind.DATE && kind != ColumnType.Kind.TEXT) throw typeError(c, arg);
                boolean min = f.equals("min");
                if (kind == ColumnType.Kind.TEXT) x = new E_Str(x);
                if (complete) {
                    Aggregator agg = min ? new AggMin(x) : new AggMax(x);
                    return result(scope.aggregate(agg), arg.type(), kind == ColumnType.Kind.TEXT ? "" : arg.language(), c);
                }
                Node standIn = standIn(arg.type(), min);
                org.apache.jena.sparql.expr.Expr filled = new E_Coalesce(new ExprList(java.util.List.of(x, NodeValue.makeNode(standIn))));
                Var v = scope.aggregate(min ? new AggMin(filled) : new AggMax(filled));
                scope.standIns.put(v, standIn);
                return result(v, arg.type(), c);
            }
        }
    }

    private SoqlException typeError(Expr.Call c, Typed arg) {
        return exprs.error("aggregate-type", c, Map.of("function", c.function(), "name", ExprCompiler.name(arg),
                "type", arg.type().apiName()));
    }

    private static Typed result(Var v, ColumnType type, Expr source) {
        return result(v, type, "", source);
    }

    private static Typed result(Var v, ColumnType type, String language, Expr source) {
        return new Typed(new ExprVar(v), type, language, null, true, source);
    }

    /** A value beyond every value of {@code type}: above all for min, below all for max. */
    static Node standIn(ColumnType type, boolean min) {
        return switch (type.kind()) {
            case NUMBER -> NodeFactory.createLiteralDT(min ? "INF" : "-INF", XSDDatatype.XSDdouble);
            case TEXT -> NodeFactory.createLiteralString(min ? "\uFFFF" : "");
            default -> switch (type) {
                case GYEAR -> NodeFactory.createLiteralDT(min ? "9999" : "0001", XSDDatatype.XSDgYear);
                case GYEARMONTH -> NodeFactory.createLiteralDT(min ? "9999-12" : "0001-01", XSDDatatype.XSDgYearMonth);
                case DATETIME -> NodeFactory.createLiteralDT(min ? "9999-12-31T23:59:59" : "0001-01-01T00:00:00", XSDDatatype.XSDdateTime);
                default -> NodeFactory.createLiteralDT(min ? "9999-12-31" : "0001-01-01", XSDDatatype.XSDdate);
            };
        };
    }
}
