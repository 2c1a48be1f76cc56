package mx.zocalo.converter.rml;

import java.nio.file.Path;

/** Where a triples map reads its rows: a table file (CSV, gzipped CSV or XLSX), already resolved to a path. */
record LogicalSource(Path file) {}
