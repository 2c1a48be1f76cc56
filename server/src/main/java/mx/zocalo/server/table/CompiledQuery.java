package mx.zocalo.server.table;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.Var;

/**
 * A row query compiled against a table: the SPARQL query of the page ({@link #page()}), the query of the full count
 * ({@link #count()}), and the columns of the answer. {@link #sparql()} is the text of the page query: the SPARQL query
 * the answer stands for, which gives the same rows when sent to {@code /sparql}.
 */
public final class CompiledQuery {
    /** How to read one column out of a solution. */
    record Slot(ResultColumn column, Var var, Var labelVar, Node standIn) {}

    /**
     * The algebra of a grouped query, for the row index to answer it: the group ({@code OpGroup}: keys and aggregates
     * over the rows), the page and the count built over it, and the row index field of each column and label variable.
     */
    record Groups(OpGroup group, Op page, Op count, Map<Var, String> fields) {}

    private final Table table;
    private final String graph;
    private final Query page;
    private final Query count;
    private final List<Slot> slots;
    private final boolean grouped;
    private final Var row;
    private final Var[] point;
    private final long offset;
    private final long limit;
    private Groups groups;

    CompiledQuery(Table table, String graph, Query page, Query count, List<Slot> slots, boolean grouped, Var row, Var[] point,
            long offset, long limit) {
        this.table = table;
        this.graph = graph;
        this.page = page;
        this.count = count;
        this.slots = List.copyOf(slots);
        this.grouped = grouped;
        this.row = row;
        this.point = point;
        this.offset = offset;
        this.limit = limit;
    }

    /** How many answer rows the page skips ({@code $offset}). */
    public long offset() {
        return offset;
    }

    /** How many answer rows the page has at most ({@code $limit}). */
    public long limit() {
        return limit;
    }

    public Table table() {
        return table;
    }

    /** The IRI of the dataset graph the query reads. */
    public String graph() {
        return graph;
    }

    /** The query of the page (a copy: change it freely). */
    public Query page() {
        return page.cloneQuery();
    }

    /** The query counting every answer row ({@code ?n}); empty when the answer is one row of aggregates. */
    public Optional<Query> count() {
        return Optional.ofNullable(count).map(Query::cloneQuery);
    }

    /** The SPARQL text of the page query. */
    public String sparql() {
        return page.serialize();
    }

    public List<ResultColumn> columns() {
        return slots.stream().map(Slot::column).toList();
    }

    /** Whether the answer rows are groups (then they have no IRI). */
    public boolean grouped() {
        return grouped;
    }

    /** The group's algebra, for a grouped query; else null. */
    Groups groups() {
        return groups;
    }

    CompiledQuery groups(Groups g) {
        this.groups = g;
        return this;
    }

    List<Slot> slots() {
        return slots;
    }

    Var row() {
        return row;
    }

    /** The variables of the point (latitude, longitude) or of the WKT literal ({@code [null, null, wkt]}); null when not asked. */
    Var[] point() {
        return point;
    }
}
