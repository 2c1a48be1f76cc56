package mx.zocalo.converter;

import java.nio.file.Path;
import java.util.List;

/** What a conversion did: rows read, quads written, and the source files it read. */
public record ConversionResult(long rows, long quads, List<Path> sources) {}
