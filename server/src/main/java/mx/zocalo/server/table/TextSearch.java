package mx.zocalo.server.table;

import java.util.List;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.E_Coalesce;
import org.apache.jena.sparql.expr.E_LogicalAnd;
import org.apache.jena.sparql.expr.E_Str;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrContains;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * {@code $q}: a row matches when every word of the query begins a word of its text, where its text is the values of
 * its single-valued text columns and the labels of its links, and words are what {@link TextFold} leaves between
 * spaces. In SPARQL: {@code BIND(fold(CONCAT(" ", COALESCE(STR(?a), ""), " ", ...)) AS ?q_text)} and
 * {@code FILTER(CONTAINS(?q_text, " word1") && CONTAINS(?q_text, " word2"))}.
 */
final class TextSearch {
    /** The variable the folded text is bound to, its expression, and the condition on it. */
    record Compiled(Var var, org.apache.jena.sparql.expr.Expr text, org.apache.jena.sparql.expr.Expr condition) {}

    private TextSearch() {}

    /** Null when {@code q} has no words. */
    static Compiled compile(Scope scope, String q) {
        List<String> words = TextFold.words(q);
        if (words.isEmpty()) return null;
        ExprList parts = new ExprList();
        parts.add(NodeValue.makeString(" "));
        for (Column c : scope.table.columns()) {
            Var v;
            if (c.multiValued()) continue;
            if (c.type() == ColumnType.TEXT) v = scope.var(c);
            else if (c.hasLabel()) v = scope.labelVar(c);
            else continue;
            if (parts.size() > 1) parts.add(NodeValue.makeString(" "));
            parts.add(new E_Coalesce(new ExprList(java.util.List.of(new E_Str(new ExprVar(v)), NodeValue.makeString("")))));
        }
        Var text = scope.fresh("q_text");
        if (parts.size() == 1) return new Compiled(text, NodeValue.makeString(" "), NodeValue.FALSE);
        org.apache.jena.sparql.expr.Expr condition = null;
        for (String w : words) {
            org.apache.jena.sparql.expr.Expr has = new E_StrContains(new ExprVar(text), NodeValue.makeString(" " + w));
            condition = condition == null ? has : new E_LogicalAnd(condition, has);
        }
        return new Compiled(text, TextFold.sparql(new E_StrConcat(parts)), condition);
    }
}
