package mx.zocalo.server.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.catalog.CatalogRecord;
import mx.zocalo.server.catalog.RdfDownload;
import mx.zocalo.server.catalog.VersionRecord.Version;
import mx.zocalo.server.publish.Versions;
import mx.zocalo.server.store.Store;

/**
 * The "History" section of a dataset's page: its versions, newest first, with date, note, counts, the row difference
 * from the previous version and the downloads of those still kept. Who published is not shown (the history keeps
 * their e-mail privately).
 */
final class DatasetHistory {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One download of a version. */
    record Link(String label, String href) {}

    /** One version as the page shows it; {@code diff} is "first", "none" (no stable identifiers) or "rows". */
    record Entry(int number, String iri, String datetime, String when, String note, long rows, long triples, String diff,
                 long added, long removed, long changed, boolean kept, boolean current, List<Link> downloads) {}

    private final Store store;

    DatasetHistory(Store store) {
        this.store = store;
    }

    /** The versions of {@code slug}, newest first (empty for a dataset published before versions were kept). */
    List<Entry> entries(String slug) {
        List<Version> history = new Versions(store, Versions.DEFAULT_KEEP).history(slug);
        List<Entry> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            Version v = history.get(i);
            List<Link> links = new ArrayList<>();
            if (v.kept()) {
                for (Map.Entry<String, CatalogRecord.FileFacts> f : v.files().entrySet()) {
                    String ext = f.getKey();
                    RdfDownload rdf = RdfDownload.byExtension(ext);
                    String label = ext.equals(v.originalExtension()) ? v.originalFileName()
                            : rdf != null ? rdf.label() : "CSVW";
                    links.add(new Link(label, "/download/" + slug + "/v" + v.number() + "/" + slug + "." + ext));
                }
            }
            String diff = v.number() == 1 || i == 0 ? "first" : v.stable() ? "rows" : "none";
            out.add(new Entry(v.number(), "/dataset/" + slug + "/v" + v.number(), v.issued().toString(), WHEN.format(v.issued()),
                    v.note(), v.rows(), v.triples(), diff, v.added(), v.removed(), v.changed(), v.kept(), i == history.size() - 1,
                    links));
        }
        return out;
    }
}
