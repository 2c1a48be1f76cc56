package mx.zocalo.converter;

/**
 * Hears how far a conversion is ({@link Conversion.Builder#progress}). Called from the converting thread:
 * every {@link #EVERY_ROWS} rows, at the end of each source, and once at the end. Calls must be cheap.
 */
public interface ProgressListener {
    /** How often, in rows, {@link #progress} is called while a source is read. */
    int EVERY_ROWS = 1024;

    /** Hears nothing. */
    ProgressListener NONE = (rows, bytesRead, bytesTotal) -> {};

    /**
     * @param rows       rows read so far, all sources together
     * @param bytesRead  bytes of the current source file consumed so far (compressed bytes for {@code .gz}), or -1 if unknown
     * @param bytesTotal size of the current source file in bytes, or -1 if unknown
     */
    void progress(long rows, long bytesRead, long bytesTotal);

    /** The conversion is over (also when it failed). */
    default void finished(long rows) {}
}
