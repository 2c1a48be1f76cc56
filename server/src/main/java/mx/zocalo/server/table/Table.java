package mx.zocalo.server.table;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset seen as a table: its rows are the resources of one class in the dataset's graph, its columns the
 * properties they use. Computed when the dataset is published ({@link TableModels}) and kept beside its files.
 *
 * @param classIri    the class whose instances are the rows
 * @param name        the class's short name for {@code class=} ({@code RegistroIncidencia} → {@code registro_incidencia})
 * @param labels      the class's label by language
 * @param rows        how many rows (instances of the class in the dataset's graph)
 * @param columns     the columns: {@code label} first when there is one, then by name
 * @param coordinates where a row's point is, for GeoJSON; {@code null} when the rows have none
 */
public record Table(String classIri, String name, Map<String, String> labels, long rows, List<Column> columns,
        Coordinates coordinates) {

    public Table {
        Objects.requireNonNull(classIri, "classIri");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        columns = List.copyOf(columns);
    }

    /**
     * Where a row's point is: WGS84 latitude and longitude columns (decimal degrees), or a GeoSPARQL WKT literal
     * ({@code POINT(lon lat)}) reached from the row by {@code wktPath} (e.g. {@code geo:hasGeometry}, {@code geo:asWKT}).
     */
    public record Coordinates(String latitudeColumn, String longitudeColumn, List<String> wktPath) {
        public Coordinates {
            wktPath = wktPath == null ? List.of() : List.copyOf(wktPath);
        }

        public boolean wkt() {
            return !wktPath.isEmpty();
        }
    }

    /** The column called {@code name} (names are compared without regard to case). */
    public Optional<Column> column(String name) {
        for (Column c : columns) if (c.name().equalsIgnoreCase(name)) return Optional.of(c);
        return Optional.empty();
    }

    public String label(String lang) {
        return pick(labels, lang, name);
    }

    /** The names of the columns, in order, for messages. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    static String pick(Map<String, String> labels, String lang, String fallback) {
        if (lang != null && labels.containsKey(lang)) return labels.get(lang);
        for (String l : List.of("es", "en", "")) if (labels.containsKey(l)) return labels.get(l);
        return labels.isEmpty() ? fallback : labels.values().iterator().next();
    }

    /** Whether {@code selector} names this table: its class IRI, its short name, or the class's local name. */
    public boolean isCalled(String selector) {
        String s = selector.trim();
        if (s.equals(classIri) || s.equalsIgnoreCase(name)) return true;
        String local = Names.localName(classIri);
        return !local.isEmpty() && s.toLowerCase(Locale.ROOT).equals(local.toLowerCase(Locale.ROOT));
    }
}
