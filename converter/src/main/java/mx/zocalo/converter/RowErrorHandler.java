package mx.zocalo.converter;

/**
 * What a conversion does when one row cannot be converted (a value that makes an invalid IRI, a bad
 * language tag...). Errors in the mapping itself or in reading a source always stop the conversion.
 *
 * <pre>{@code
 * List<ConversionException> skipped = new ArrayList<>();
 * Conversion.builder().mapping(file).rowErrors(skipped::add).build().run(sink);  // skip and collect
 * }</pre>
 */
@FunctionalInterface
public interface RowErrorHandler {

    /**
     * Called with the error of a failed row. Throw (the default handler rethrows {@code error}) to stop
     * the conversion; return to skip the row: none of its quads are sent, and the conversion goes on.
     */
    void rowFailed(ConversionException error);

    /** Stops the conversion at the first bad row (the default). */
    static RowErrorHandler fail() {
        return error -> {
            throw error;
        };
    }
}
