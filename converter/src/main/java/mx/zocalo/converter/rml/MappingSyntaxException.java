package mx.zocalo.converter.rml;

import java.nio.file.Path;

/** The mapping file is not well-formed RDF. */
final class MappingSyntaxException extends RuntimeException {
    final Path file;
    final long line;
    final long column;

    MappingSyntaxException(Path file, long line, long column, String message) {
        super(file.getFileName() + ", line " + line + ", column " + column + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }
}
