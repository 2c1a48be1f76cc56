package mx.zocalo.server.performance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowQuery;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.TableService;

/**
 * The rows of one measure (not a rate) summed per period, and per member of its {@code by:} column: one row API query
 * grouped by the period column (and the member column), paged to the end. The values of each group are folded into the
 * measure's periods (months into quarters or years; dates into their month, quarter or year), as a sum and a count, so
 * that an average of a coarser period is the average of its rows.
 */
final class RowSeries {
    static final String PERIOD = "period";
    static final String MEMBER = "member";
    static final String VALUE = "value";
    static final String ROWS = "rows";

    /** The sum (or count of rows) and the number of values of one period. */
    record Cell(double sum, long count) {
        Cell plus(Cell o) {
            return new Cell(sum + o.sum, count + o.count);
        }

        double value(Aggregate a) {
            return a == Aggregate.AVG ? sum / count : sum;
        }
    }

    /** The cells of the whole, and of each member (by key); the members' labels; the queries they came from. */
    record Cells(Map<Period, Cell> whole, Map<String, Map<Period, Cell>> members, Map<String, String> labels, List<MeasureQuery> queries) {}

    /** A measure that cannot be computed: the field of the goal file at fault and why. */
    static final class MeasureException extends RuntimeException {
        final String field;

        MeasureException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    private RowSeries() {}

    static Cells cells(TableService tables, Measure m, Frequency every, String role) {
        RowQuery whole = query(m, false);
        Map<String, Map<Period, Cell>> members = new TreeMap<>();
        List<MeasureQuery> queries = new java.util.ArrayList<>();
        queries.add(describe(tables, m, whole, role, false));
        Map<String, String> labels = new TreeMap<>();
        Map<Period, Cell> all = fold(tables, m, whole, every, false, labels).getOrDefault("", Map.of());
        if (m.by() != null) {
            RowQuery per = query(m, true);
            queries.add(describe(tables, m, per, role, true));
            members.putAll(fold(tables, m, per, every, true, labels));
        }
        return new Cells(all, members, labels, queries);
    }

    static RowQuery query(Measure m, boolean perMember) {
        RowQuery.Builder b = RowQuery.builder().table(m.table());
        String group = m.period() + (perMember ? ", " + m.by() : "");
        b.select(m.period() + " AS " + PERIOD + (perMember ? ", " + m.by() + " AS " + MEMBER : "") + ", " + value(m));
        if (m.where() != null) b.where(m.where());
        return b.group(group).order(group).build();
    }

    static String value(Measure m) {
        return switch (m.aggregate()) {
            case COUNT -> "count(*) AS " + VALUE;
            case SUM -> "sum(" + m.column() + ") AS " + VALUE;
            case AVG -> "sum(" + m.column() + ") AS " + VALUE + ", count(" + m.column() + ") AS " + ROWS;
            case RATE -> throw new IllegalArgumentException("a rate has no rows of its own");
        };
    }

    static Map<String, String> parameters(Measure m, boolean perMember) {
        Map<String, String> p = new LinkedHashMap<>();
        String group = m.period() + (perMember ? ", " + m.by() : "");
        p.put("$select", m.period() + " AS " + PERIOD + (perMember ? ", " + m.by() + " AS " + MEMBER : "") + ", " + value(m));
        if (m.where() != null) p.put("$where", m.where());
        p.put("$group", group);
        p.put("$order", group);
        if (m.table() != null) p.put("$table", m.table());
        return p;
    }

    private static MeasureQuery describe(TableService tables, Measure m, RowQuery q, String role, boolean perMember) {
        Map<String, String> p = parameters(m, perMember);
        String soql = "SELECT " + p.get("$select") + (m.where() == null ? "" : " WHERE " + m.where()) + " GROUP BY " + p.get("$group")
                + " ORDER BY " + p.get("$order");
        String sparql = tables.compile(m.dataset(), q.toBuilder().limit(tables.maxRows()).build()).sparql();
        return new MeasureQuery(role, m.dataset(), perMember, p, soql, sparql);
    }

    private static Map<String, Map<Period, Cell>> fold(TableService tables, Measure m, RowQuery q, Frequency every, boolean perMember,
            Map<String, String> labels) {
        Map<String, Map<Period, Cell>> out = new TreeMap<>();
        int limit = tables.maxRows();
        long offset = 0;
        while (true) {
            RowResult r = tables.query(m.dataset(), q.toBuilder().limit(limit).offset(offset).build());
            for (Row row : r.rows()) {
                List<Object> v = row.values();
                Period p = period(v.get(0), every, m);
                if (p == null) continue; // rows without a period value
                String member = perMember ? member(v.get(1)) : "";
                if (member == null) continue;
                if (perMember) labels.putIfAbsent(member, label(v.get(1)));
                int at = perMember ? 2 : 1;
                Object sum = v.get(at);
                long count = m.aggregate() == Aggregate.AVG ? number(v.get(at + 1)).longValue() : 1;
                if (sum == null || count == 0) continue;
                Cell c = new Cell(number(sum).doubleValue(), count);
                out.computeIfAbsent(member, k -> new TreeMap<>()).merge(p, c, Cell::plus);
            }
            offset += r.rows().size();
            if (r.rows().size() < limit || offset >= r.total()) break;
        }
        return out;
    }

    private static Number number(Object o) {
        if (o instanceof Number n) return n;
        if (o instanceof String s) return new BigDecimal(s.trim());
        throw new MeasureException("column", "gives values that are not numbers: " + o);
    }

    /** The key of a member: the IRI of a linked resource (the same in every dataset linking to it), else the value. */
    static String member(Object o) {
        if (o == null) return null;
        if (o instanceof Link l) return l.iri();
        return o.toString();
    }

    static String label(Object o) {
        if (o instanceof Link l) return l.label() != null ? l.label() : l.iri().substring(l.iri().lastIndexOf('/') + 1);
        return o.toString();
    }

    /** The period of {@code every} a value of the period column stands in. */
    static Period period(Object o, Frequency every, Measure m) {
        if (o == null) return null;
        Period p;
        if (o instanceof Year y) p = Period.year(y.getValue());
        else if (o instanceof YearMonth ym) p = Period.month(ym);
        else if (o instanceof LocalDate d) p = Period.of(d, every);
        else if (o instanceof LocalDateTime d) p = Period.of(d.toLocalDate(), every);
        else if (o instanceof OffsetDateTime d) p = Period.of(d.toLocalDate(), every);
        else if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1000 && n.intValue() <= 9999) {
            p = Period.year(n.intValue());
        } else p = Period.parse(o.toString().length() >= 10 ? o.toString().substring(0, 7) : o.toString());
        if (p == null) {
            throw new MeasureException("period", "column '" + m.period() + "' gives '" + o + "', not a year, month or date");
        }
        if (!p.dated()) {
            if (every != Frequency.MONTH) {
                throw new MeasureException("every", "column '" + m.period() + "' gives months of no stated year (" + p.label()
                        + "): only every: month suits them");
            }
            return p;
        }
        if (p.frequency().ordinal() > every.ordinal()) {
            throw new MeasureException("every", "column '" + m.period() + "' gives " + p.frequency().word() + "s ("
                    + p.label() + "): every: " + every.word() + " needs " + (every == Frequency.MONTH ? "months or dates" : "months, quarters or dates"));
        }
        return Period.of(p.start(), every);
    }
}
