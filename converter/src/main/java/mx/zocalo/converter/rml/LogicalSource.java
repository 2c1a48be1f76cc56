package mx.zocalo.converter.rml;

import java.nio.file.Path;
import mx.zocalo.converter.source.TableOptions;

/**
 * Where a triples map reads its rows: a table file (CSV, gzipped CSV or XLSX), already resolved to a
 * path, and how to read it (from a CSVW dialect, else the defaults).
 */
record LogicalSource(Path file, TableOptions options) {}
