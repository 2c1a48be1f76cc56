package mx.zocalo.server.publish;

/** What publishing one dataset did. {@code skipped} when its inputs had not changed since the last publish. */
public record PublishOutcome(String slug, boolean skipped, long rows, long triples, long millis) {}
