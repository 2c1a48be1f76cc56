package mx.zocalo.converter.rml.fn;

/**
 * A parameter of an FnO function ({@code fno:Parameter}). A mapping may name it by its own IRI
 * ({@code grel:valueParam}, as RML-FNML does) or by its {@code fno:predicate} ({@code grel:valueParameter}, as the
 * older FNML vocabulary does).
 *
 * @param iri       the parameter's IRI
 * @param predicate its {@code fno:predicate}
 * @param type      its {@code fno:type} (an XSD datatype IRI): values are converted to it before the call
 * @param required  {@code fno:required}: a function execution must give it a value
 */
public record FnoParameter(String iri, String predicate, String type, boolean required) {

    boolean isNamed(String name) {
        return iri.equals(name) || predicate.equals(name);
    }
}
