package mx.zocalo.converter.rml.fn;

/**
 * An output of an FnO function ({@code fno:Output}), named by its IRI or by its {@code fno:predicate}.
 *
 * @param type its {@code fno:type}: the datatype of the literals made from it when the term map gives none
 */
public record FnoOutput(String iri, String predicate, String type) {

    boolean isNamed(String name) {
        return iri.equals(name) || predicate.equals(name);
    }
}
