package mx.zocalo.server.submissions;

import java.nio.file.Path;
import mx.zocalo.server.publish.FileKind;
import mx.zocalo.server.publish.Upload;
import mx.zocalo.server.publish.UploadPreview;

/** The publish wizard's own preview ({@link UploadPreview}): a reviewer sees exactly what a publisher sees. */
final class AutoTablePreview implements TablePreview {
    private final UploadPreview preview;

    AutoTablePreview(String base) {
        this.preview = new UploadPreview(base);
    }

    @Override
    public UploadPreview.Model read(Path table, String slug, String id, TableFile.Kind kind, long bytes) {
        Upload.Staged staged = new Upload.Staged(id, table, FileKind.valueOf(kind.name()), bytes, table.getFileName().toString());
        return preview.of(staged, UploadPreview.Corrections.NONE, null, slug);
    }
}
