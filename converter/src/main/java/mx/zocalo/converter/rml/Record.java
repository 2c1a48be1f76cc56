package mx.zocalo.converter.rml;

import java.util.List;

/** One record of a logical source (a table row, a JSON node): the values of a reference, none when empty. */
interface Record {
    List<String> values(String reference);

    /** The natural datatype IRI of each value (null: a plain string), or null when the source has only strings. */
    default List<String> datatypes(String reference) {
        return null;
    }

    /** The first value, or null when there is none (a table cell has at most one). */
    default String first(String reference) {
        List<String> values = values(reference);
        return values.isEmpty() ? null : values.get(0);
    }
}
