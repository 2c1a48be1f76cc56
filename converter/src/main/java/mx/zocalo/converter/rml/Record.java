package mx.zocalo.converter.rml;

import java.util.List;

/** One record of a logical source (a table row, a JSON node): the values of a reference, none when empty. */
interface Record {
    List<String> values(String reference);

    /** The natural datatype IRI of each value (null: a plain string), or null when the source has only strings. */
    default List<String> datatypes(String reference) {
        return null;
    }

    /**
     * The values a reference hands a function as its input, when they are not its values: a JSON object or array the
     * reference selects, as JSON text (a GeoJSON geometry for {@code zf:geojsonToWkt}); null when they are the values.
     */
    default List<String> functionInput(String reference) {
        return null;
    }

    /** The first value, or null when there is none (a table cell has at most one). */
    default String first(String reference) {
        List<String> values = values(reference);
        return values.isEmpty() ? null : values.get(0);
    }
}
