package mx.zocalo.server.performance;

import java.nio.file.Path;

/** An error in a goal file: the file, the line (1-based; 0 when unknown), the field (e.g. {@code measures[2].column}). */
public record PerformanceProblem(Path file, int line, String field, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
