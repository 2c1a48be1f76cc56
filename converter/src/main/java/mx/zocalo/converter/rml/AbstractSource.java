package mx.zocalo.converter.rml;

import java.nio.file.Path;

/** What a triples map reads: a logical source (a file) or a logical view derived from one (RML-LV). */
sealed interface AbstractSource permits LogicalSource, LogicalView {
    /** The file the records come from in the end (a view's: the file under its chain of {@code rml:viewOn}). */
    Path file();
}
