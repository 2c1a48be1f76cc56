package mx.zocalo.server.submissions;

import java.nio.file.Path;
import mx.zocalo.server.publish.UploadPreview;

/**
 * What the portal reads in a table before it is published, the preview a reviewer judges a submission by: the publish
 * wizard's ({@link UploadPreview}: reading, columns and types, first rows and records, notes, or the error naming file,
 * sheet, row and column), shown with the same partial template ({@code publish-preview}).
 */
public interface TablePreview {
    /** Reads {@code table} (a CSV, XLSX or XLS file of {@code bytes}) as it would be published under {@code slug}. */
    UploadPreview.Model read(Path table, String slug, String id, TableFile.Kind kind, long bytes);
}
