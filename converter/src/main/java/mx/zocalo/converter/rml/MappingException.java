package mx.zocalo.converter.rml;

/** The mapping itself is invalid; thrown while reading it, before any data row is read. */
final class MappingException extends RuntimeException {
    MappingException(String message) {
        super(message);
    }
}
