package mx.zocalo.converter.rml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mx.zocalo.converter.source.JsonPath;

/**
 * An RML-LV logical view ({@code rml:LogicalView}): records derived from another source or view ({@code rml:viewOn}),
 * each a set of named values. Its keys are {@code #} (the position of the record it came from), each expression field's
 * name and {@code name.#}, the {@code name.#} of each iterable field and the keys of the fields nested in it
 * ({@code item.type}), and the fields its joins take from their parent views. Term maps on the view reference those keys.
 *
 * @param name   how messages name it, e.g. {@code logical view <#PeopleView>}
 * @param viewOn the source or view its records come from
 */
record LogicalView(String name, AbstractSource viewOn, List<Field> fields, List<Join> joins) implements AbstractSource {

    /**
     * A field: an expression field ({@code expression} set) or an iterable field. An expression field's values are its
     * parent record's values of the expression; its nested fields read each value: a JSON value (of a reference over
     * JSON) as JSON, any other value as text, which only an iterable field that declares its reference formulation reads.
     * An iterable field's records are the items its {@code iterator} selects in the parent record (JSON), or the rows of
     * the parent value read as CSV ({@code embedded} CSV); with {@code embedded} JSON a parent value that is text is
     * parsed as JSON first.
     */
    record Field(String name, TermMap expression, JsonPath iterator, Embedded embedded, List<Field> fields, String rule) {
        boolean iterable() {
            return expression == null;
        }
    }

    /**
     * How an iterable field reads its parent value: as it is (a JSON node), or, for a field that declares its own
     * {@code rml:referenceFormulation}, text in that format (RML-LV, fields for mixed-format data).
     */
    enum Embedded { NONE, JSON, CSV }

    /**
     * {@code rml:leftJoin} ({@code inner} false) or {@code rml:innerJoin}: each record of the view is extended with the
     * fields taken from every record of {@code parent} that matches, evaluated over that parent record. A record matches
     * when the values of each condition's child side (over the view's keys) equal those of its parent side (over the
     * parent view's keys), compared as text ({@link JoinKeys}).
     */
    record Join(boolean inner, LogicalView parent, List<JoinCondition> conditions, List<Field> fields, String rule) {}

    @Override
    public Path file() {
        return viewOn.file();
    }

    /** The keys term maps on this view may reference, in order: {@code #}, the fields' keys, the joined fields' keys. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add("#");
        keys(fields, keys);
        for (Join join : joins) {
            keys(join.fields(), keys);
        }
        return keys;
    }

    static void keys(List<Field> fields, List<String> into) {
        for (Field f : fields) {
            if (!f.iterable()) {
                into.add(f.name());
            }
            into.add(f.name() + ".#");
            keys(f.fields(), into);
        }
    }
}
