package mx.zocalo.server.table;

/** No dataset is published under the slug asked for (or it has no data: withdrawn, or only harvested). */
public final class NoSuchDatasetException extends RuntimeException {
    private final String slug;

    public NoSuchDatasetException(String slug) {
        super("No dataset called '" + slug + "' is published here");
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
