package mx.zocalo.server.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.zocalo.converter.TablePreview;
import mx.zocalo.server.publish.PreviewResources;
import mx.zocalo.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first rows of a dataset's original file, for its page: each row with a link to the resource it became, when
 * publishing recorded one ({@link PreviewResources}), named by the resource's label.
 */
final class DatasetPreview {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.http");

    /** A row: its cells, and the resource it became ({@code href} and {@code label} null when none). */
    record Row(String href, String label, List<String> cells) {}

    /** The preview: the file's header, its first rows, and whether any row links to a resource. */
    record Table(List<String> header, List<Row> rows, boolean linked) {}

    private final Store store;
    private final CatalogService catalog;

    DatasetPreview(Store store, CatalogService catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** The preview of {@code originalFile} in the dataset's folder; empty when there is no such file or it cannot be read. */
    Optional<Table> read(String slug, String originalFile, String lang) {
        Path dir = store.filesDirectory().resolve(slug);
        if (originalFile == null) return Optional.empty();
        Path file = dir.resolve(originalFile).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) return Optional.empty();
        try {
            if (!mx.zocalo.server.catalog.DatasetDescription.Source.isTable(originalFile)) {
                // JSON: a GeoJSON file's first features, their properties as columns (other JSON: none)
                return Optional.ofNullable(GeoJsonPreview.read(file, PreviewResources.ROWS));
            }
            TablePreview p = TablePreview.read(file, PreviewResources.ROWS);
            Map<Long, String> resources = PreviewResources.read(dir);
            Map<String, String> labels = resources.isEmpty() ? Map.of()
                    : store.read(dsg -> ResourceLabels.of(dsg, resources.values(), lang));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < p.rows().size(); i++) {
                String iri = resources.get(p.lines().get(i));
                rows.add(new Row(iri == null ? null : catalog.link(iri), iri == null ? null : labels.get(iri), p.rows().get(i)));
            }
            return Optional.of(new Table(p.header(), rows, rows.stream().anyMatch(r -> r.href() != null)));
        } catch (RuntimeException e) {
            LOG.warn("{}: no preview of the original file: {}", slug, e.toString());
            return Optional.empty();
        }
    }
}
