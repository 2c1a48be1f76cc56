package mx.zocalo.server.submissions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.auto.AutoMapping;
import mx.zocalo.converter.auto.ColumnProfile;
import mx.zocalo.converter.source.TableOptions;

/** The converter's own reading of a table without a mapping: {@code zocalo convert --auto FILE --explain} as values. */
final class AutoTablePreview implements TablePreview {
    private static final int EXAMPLES = 3;
    private final String base;

    AutoTablePreview(String base) {
        this.base = base;
    }

    @Override
    public Preview read(Path table, String slug) {
        AutoMapping m;
        try {
            m = AutoMapping.infer(table, TableOptions.AUTO, base, slug, null);
        } catch (ConversionException | IllegalArgumentException | IllegalStateException e) {
            return Preview.failed(e.getMessage());
        }
        List<Column> columns = m.columns().stream().map(AutoTablePreview::column).toList();
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            m.explain(out);
        }
        return new Preview(m.rows(), columns, m.layoutNotes(), text.toString(), null);
    }

    private static Column column(ColumnProfile c) {
        List<String> examples = c.examples().stream().limit(EXAMPLES).toList();
        return new Column(c.title(), c.type().csvwName(), c.missing(), c.unique(), examples);
    }
}
