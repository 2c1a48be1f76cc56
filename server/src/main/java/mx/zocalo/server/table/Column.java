package mx.zocalo.server.table;

import java.util.Map;
import java.util.Objects;

/**
 * A column of a {@link Table}: the values one property gives the table's rows, in one language when its values are
 * tagged with several (then each language is a column of its own).
 *
 * @param name          stable, API-safe, unique in the table: lower-case ASCII letters, digits and {@code _}, from the
 *                      property's local name ({@code montoTotal} → {@code monto_total}), with {@code _es} / {@code _en}
 *                      when the property has values in several languages
 * @param property      the property's IRI
 * @param language      the language tag of the values, or {@code ""} when they have none
 * @param type          what the values are
 * @param labels        the column's label by language ({@code es}, {@code en}): the property's {@code rdfs:label}
 * @param rows          how many rows have a value
 * @param multiValued   whether some row has several values (then filters ask whether any value matches, answers give
 *                      an array, and sorting, grouping and aggregating by it are refused)
 * @param labelLanguage for a {@link ColumnType#LINK} column whose resources have a label: the language of the label
 *                      its {@code .label} subfield reads ({@code ""}: labels without a tag); {@code null}: no subfield
 * @param labelGraph    for such a column: the graph the labels are read from when it is not the dataset's own (the
 *                      linked resources belong to another dataset); {@code null}: the dataset's graph
 */
public record Column(String name, String property, String language, ColumnType type, Map<String, String> labels, long rows,
        boolean multiValued, String labelLanguage, String labelGraph) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(type, "type");
        language = language == null ? "" : language;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The label in {@code lang}, else in Spanish, else English, else any, else the name. */
    public String label(String lang) {
        return Table.pick(labels, lang, name.replace('_', ' '));
    }

    /** Whether the column is a link whose resources' labels can be read, filtered and sorted as {@code name.label}. */
    public boolean hasLabel() {
        return type == ColumnType.LINK && labelLanguage != null;
    }
}
