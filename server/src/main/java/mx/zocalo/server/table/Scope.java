package mx.zocalo.server.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.aggregate.Aggregator;

/**
 * What one compilation knows and gathers: the table, the variables given to columns and labels, which columns the
 * conditions need (the count query needs only those), which of them every answer row must have (so their patterns
 * need not be optional), the aggregates met, and the outputs of {@code $select} by name.
 */
final class Scope {
    final Table table;
    final Var row = Var.alloc("row");
    private final Set<String> names = new HashSet<>(Set.of("row"));
    private final Map<Column, Var> vars = new LinkedHashMap<>();
    private final Map<Column, Var> labelVars = new LinkedHashMap<>();
    /** Columns (and labels) the conditions ({@code $where}, {@code $q}, shortcuts) read. */
    final Set<Column> filterColumns = new LinkedHashSet<>();
    final Set<Column> filterLabels = new LinkedHashSet<>();
    /** Columns (and labels) {@code $order} reads. */
    final Set<Column> orderColumns = new LinkedHashSet<>();
    final Set<Column> orderLabels = new LinkedHashSet<>();
    /** Columns whose triple every answer row has: a top-level condition fails without it. */
    final Set<Column> required = new HashSet<>();
    /** Required columns that a top-level condition sets to one value: the value goes in the triple pattern. */
    final Map<Column, org.apache.jena.graph.Node> constants = new LinkedHashMap<>();
    /** Link columns whose label a top-level condition sets to one value: the label goes in the pattern. */
    final Map<Column, org.apache.jena.graph.Node> labelConstants = new LinkedHashMap<>();
    /** The aggregates met, each once, with the variable the group binds it to. */
    final List<ExprAggregator> aggregators = new ArrayList<>();
    /** For a min or max over a column some rows lack: the stand-in value those rows get, which means "none" when it comes out. */
    final Map<Var, org.apache.jena.graph.Node> standIns = new HashMap<>();
    /** The outputs of {@code $select} by (lower-case) name, for {@code $order} and {@code $having}. */
    final Map<String, Typed> aliases = new HashMap<>();
    /** The same outputs as the expressions they stand for, for {@code $having} (which is applied before they are bound). */
    final Map<String, Typed> aliasExpressions = new HashMap<>();
    /** The grouping columns by path ({@code anio}, {@code entidad.label}), when grouped. */
    final Map<String, Typed> groupKeys = new LinkedHashMap<>();
    boolean grouped;
    /** Whether column references now count as the conditions' (see {@link #filterColumns}). */
    boolean inFilter;
    /** Whether column references now count as {@code $order}'s. */
    boolean inOrder;
    private int fresh;

    Scope(Table table) {
        this.table = table;
    }

    Var var(Column c) {
        if (inFilter) filterColumns.add(c);
        if (inOrder) orderColumns.add(c);
        return vars.computeIfAbsent(c, k -> Var.alloc(name(k.name())));
    }

    Var labelVar(Column c) {
        var(c);
        if (inFilter) filterLabels.add(c);
        if (inOrder) orderLabels.add(c);
        return labelVars.computeIfAbsent(c, k -> Var.alloc(name(k.name() + "_label")));
    }

    /** A variable of its own, named after {@code base}. */
    Var fresh(String base) {
        return Var.alloc(name(base));
    }

    /** The columns used so far, in the order they were met. */
    Set<Column> columns() {
        return vars.keySet();
    }

    Set<Column> labelled() {
        return labelVars.keySet();
    }

    /** The row index field of each single-valued column's variable and label variable met: its name, or {@code name.label}. */
    Map<Var, String> fields() {
        Map<Var, String> out = new LinkedHashMap<>();
        vars.forEach((c, v) -> {
            if (!c.multiValued()) out.put(v, c.name());
        });
        labelVars.forEach((c, v) -> {
            if (!c.multiValued()) out.put(v, c.name() + ".label");
        });
        return out;
    }

    boolean hasLabelVar(Column c) {
        return labelVars.containsKey(c);
    }

    /** The variable the group binds {@code agg} to, the same for the same aggregate. */
    Var aggregate(Aggregator agg) {
        for (ExprAggregator e : aggregators) {
            if (e.getAggregator().equals(agg)) return e.getVar();
        }
        Var v = Var.alloc("." + fresh++);
        aggregators.add(new ExprAggregator(v, agg));
        return v;
    }

    private String name(String base) {
        String n = base.replaceAll("[^A-Za-z0-9_]", "_");
        if (n.isEmpty() || !Character.isLetter(n.charAt(0)) && n.charAt(0) != '_') n = "v_" + n;
        String candidate = n;
        for (int i = 2; names.contains(candidate); i++) candidate = n + "_" + i;
        names.add(candidate);
        return candidate;
    }
}
