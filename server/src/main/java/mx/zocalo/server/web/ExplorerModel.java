package mx.zocalo.server.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import mx.zocalo.server.table.Column;
import mx.zocalo.server.table.ColumnType;
import mx.zocalo.server.table.Link;
import mx.zocalo.server.table.ResultColumn;
import mx.zocalo.server.table.Row;
import mx.zocalo.server.table.RowResult;
import mx.zocalo.server.table.Table;

/** What the explorer's template shows, made from a view and its answer: tables, column filters, headers, cells. */
final class ExplorerModel {
    private ExplorerModel() {}

    /** A table of the dataset, for the selector. */
    record TableChoice(String name, String label, long rows, boolean selected) {}

    /** A column with its filters' current values and, when it has few values, those values with their counts. */
    record ColumnView(String name, String label, String kind, String type, boolean shown, boolean groupable, String eq,
            String has, String from, String to, ExplorerFacets.Facet facet, String inputType, String example) {
        /** Whether a value of its list is ticked (then its filters are shown open). */
        public boolean facetChecked() {
            return facet != null && (facet.first().stream().anyMatch(ExplorerFacets.Value::checked)
                    || facet.more().stream().anyMatch(ExplorerFacets.Value::checked));
        }
    }

    /** An active filter, said in words, and the view without it. */
    record Active(String text, String href) {}

    static List<Active> active(ExplorerRequest view, String path, String lang, Map<String, String> msg) {
        List<Active> out = new ArrayList<>();
        if (view.search != null) {
            out.add(new Active(msg.get("explore.search") + ": " + view.search, view.link(path, Map.of("q", List.of(), "page", List.of()))));
        }
        for (ExplorerRequest.Filter f : view.filters.values()) {
            String label = f.column().label(lang);
            String values = String.join(", ", f.values().stream()
                    .map(v -> f.column().type() == ColumnType.BOOLEAN ? msg.getOrDefault("explore." + v, v)
                            : MonthNames.text(v, LocaleFilters.locale(lang))).toList());
            String text = msg.get("explore.active." + f.kind()).replace("{column}", label).replace("{value}", values);
            out.add(new Active(text, view.link(path, Map.of(f.kind() + "." + f.column().name(), List.of(), "page", List.of()))));
        }
        return out;
    }

    /** A column header of the answer: its sort link and state. */
    record Header(String name, String label, String sortHref, String sort, boolean number) {}

    /** A piece of a cell: text, the page it links to, and for a number its value as written in data ({@code 1234.5}). */
    record Part(String text, String href, String value) {
        Part(String text, String href) {
            this(text, href, null);
        }
    }

    /** A cell: its pieces (several for a multi-valued column), whether it holds a number. */
    record Cell(List<Part> parts, boolean number) {}

    /** A row of the answer: its page (none for groups) and its cells. */
    record RowView(String href, String iri, List<Cell> cells) {}

    static List<TableChoice> tables(List<Table> all, Table current, String lang) {
        return all.stream().map(t -> new TableChoice(t.name(), t.label(lang), t.rows(), t.name().equals(current.name()))).toList();
    }

    static List<ColumnView> columns(ExplorerRequest view, String lang, Map<String, ExplorerFacets.Facet> facets) {
        List<ColumnView> out = new ArrayList<>();
        for (Column c : view.table.columns()) {
            ColumnType.Kind k = c.type().kind();
            String eq = value(view, "eq", c);
            ExplorerFacets.Facet facet = facets.get(c.name());
            if (facet != null && eq != null) {
                // values ticked in the list are not repeated in the box
                List<String> listed = new ArrayList<>();
                facet.first().forEach(v -> listed.add(v.value()));
                facet.more().forEach(v -> listed.add(v.value()));
                List<String> rest = view.filters.get("eq." + c.name()).values().stream().filter(v -> !listed.contains(v)).toList();
                eq = rest.isEmpty() ? null : rest.get(rest.size() - 1);
            }
            String inputType = switch (c.type()) {
                case DATE -> "date";
                case INTEGER, DECIMAL -> "text";
                default -> "text";
            };
            String example = switch (c.type()) {
                case GYEAR -> "2014";
                case GYEARMONTH -> "2014-03";
                case DATE -> "2014-03-31";
                case DATETIME -> "2014-03-31T18:00";
                default -> null;
            };
            out.add(new ColumnView(c.name(), c.label(lang), k.apiName(), c.type().apiName(), view.shown.contains(c),
                    !c.multiValued(), eq, value(view, "has", c), value(view, "from", c), value(view, "to", c), facet,
                    inputType, example));
        }
        return out;
    }

    private static String value(ExplorerRequest view, String kind, Column c) {
        ExplorerRequest.Filter f = view.filters.get(kind + "." + c.name());
        return f == null ? null : f.values().get(f.values().size() - 1);
    }

    /** The number columns, for "of" in groups: name and label. */
    static List<TableChoice> numberColumns(Table table, String lang) {
        return table.columns().stream().filter(c -> c.type().kind() == ColumnType.Kind.NUMBER && !c.multiValued())
                .map(c -> new TableChoice(c.name(), c.label(lang), c.rows(), false)).toList();
    }

    static List<Header> headers(ExplorerRequest view, RowResult r, String path, String lang, Map<String, String> msg) {
        List<Header> out = new ArrayList<>();
        for (ResultColumn rc : r.columns()) {
            String name = rc.name();
            String label;
            boolean sortable = true;
            if (rc.aggregate() && name.equals("count")) {
                label = msg.get("explore.count");
            } else if (rc.aggregate()) {
                label = msg.get("explore.agg." + view.aggregate) + " " + view.of.label(lang);
            } else {
                Column c = rc.column() != null ? rc.column() : view.table.column(name).orElse(null);
                label = c == null ? name : c.label(lang);
                sortable = c != null && !c.multiValued();
            }
            String sort = name.equals(view.sort) ? (view.descending ? "descending" : "ascending") : null;
            String href = null;
            if (sortable) {
                String next = "ascending".equals(sort) ? "-" + name : name;
                href = view.link(path, Map.of("sort", List.of(next), "page", List.of()));
            }
            boolean number = rc.type().kind() == ColumnType.Kind.NUMBER || rc.aggregate();
            out.add(new Header(name, label, href, sort, number));
        }
        return out;
    }

    static List<RowView> rows(RowResult r, UnaryOperator<String> link, String lang, Map<String, String> msg) {
        Locale locale = LocaleFilters.locale(lang);
        int[] decimals = new int[r.columns().size()]; // per column, so that a column's numbers line up
        for (Row row : r.rows()) {
            for (int i = 0; i < decimals.length; i++) {
                Object v = row.values().get(i);
                if (v instanceof BigDecimal d) decimals[i] = Math.max(decimals[i], Math.max(0, d.stripTrailingZeros().scale()));
                else if (v instanceof Double) decimals[i] = 7;
            }
        }
        List<RowView> out = new ArrayList<>();
        for (Row row : r.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (int i = 0; i < r.columns().size(); i++) {
                Object v = row.values().get(i);
                List<Part> parts = new ArrayList<>();
                int digits = decimals[i] > 6 ? 2 : decimals[i]; // more than six: a computed value (an average)
                if (v instanceof List<?> list) {
                    for (Object o : list) parts.add(part(o, link, locale, msg, digits));
                } else if (v != null) {
                    parts.add(part(v, link, locale, msg, digits));
                }
                cells.add(new Cell(parts, v instanceof Number));
            }
            out.add(new RowView(row.iri() == null ? null : link.apply(row.iri()), row.iri(), cells));
        }
        return out;
    }

    private static Part part(Object v, UnaryOperator<String> link, Locale locale, Map<String, String> msg, int digits) {
        if (v instanceof Link l) return new Part(l.label() != null ? l.label() : l.iri(), link.apply(l.iri()));
        if (v instanceof Boolean b) return new Part(msg.getOrDefault("explore." + b, b.toString()), null);
        if (v instanceof Number n) return new Part(number(n, locale, digits), null, n instanceof BigDecimal d ? d.toPlainString() : n.toString());
        String month = v instanceof String text ? MonthNames.name(text, locale) : null;
        return month != null ? new Part(month, null, v.toString()) : new Part(v.toString(), null);
    }

    /** A number as the page's language writes it, with {@code digits} decimals (whole numbers without). */
    static String number(Number n, Locale locale, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        if (n instanceof BigInteger || n instanceof Long || n instanceof Integer) return f.format(n);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(n instanceof BigDecimal d ? d : (Object) n.doubleValue());
    }
}
