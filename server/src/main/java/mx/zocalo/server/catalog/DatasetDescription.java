package mx.zocalo.server.catalog;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mx.zocalo.converter.SourceOptions;
import mx.zocalo.converter.auto.ColumnOverride;

/**
 * What a publisher says about a dataset in its {@code dataset.yaml}: titles, publisher, themes, licence,
 * the source file and the mapping (null when there is none: the mapping is inferred from the table). Paths are resolved
 * against the description's folder. {@code organisation}: the slug of the organisation that owns the dataset (its editors
 * may change it), or null (admins only).
 */
public record DatasetDescription(
        String slug,
        Map<String, String> title,
        Map<String, String> description,
        Agent publisher,
        Contact contact,
        List<String> themes,
        Map<String, List<String>> keywords,
        String license,
        Source source,
        Path mapping,
        Path file,
        LocalDate issued,
        LocalDate modified,
        LocalDate temporalStart,
        LocalDate temporalEnd,
        String spatial,
        String accrualPeriodicity,
        String sampleQuery,
        List<View> views,
        String organisation) {

    /** The description without an owning organisation (changed by admins only). */
    public DatasetDescription(String slug, Map<String, String> title, Map<String, String> description, Agent publisher,
            Contact contact, List<String> themes, Map<String, List<String>> keywords, String license, Source source, Path mapping,
            Path file, LocalDate issued, LocalDate modified, LocalDate temporalStart, LocalDate temporalEnd, String spatial,
            String accrualPeriodicity, String sampleQuery, List<View> views) {
        this(slug, title, description, publisher, contact, themes, keywords, license, source, mapping, file, issued, modified,
                temporalStart, temporalEnd, spatial, accrualPeriodicity, sampleQuery, views, null);
    }

    /** The description without views (the {@code views:} of a dataset.yaml): none. */
    public DatasetDescription(String slug, Map<String, String> title, Map<String, String> description, Agent publisher,
            Contact contact, List<String> themes, Map<String, List<String>> keywords, String license, Source source, Path mapping,
            Path file, LocalDate issued, LocalDate modified, LocalDate temporalStart, LocalDate temporalEnd, String spatial,
            String accrualPeriodicity, String sampleQuery) {
        this(slug, title, description, publisher, contact, themes, keywords, license, source, mapping, file, issued, modified,
                temporalStart, temporalEnd, spatial, accrualPeriodicity, sampleQuery, List.of());
    }

    public DatasetDescription {
        views = views == null ? List.of() : List.copyOf(views);
    }

    /**
     * A view the publisher declares ({@code views:} in dataset.yaml): a query of the table explorer, given as the
     * explorer's URL parameters ({@code group=ramo&agg=sum&of=monto_total}), and the chart that draws it.
     * {@code story}: its panel in the dataset's story page ({@code share}, {@code change}, {@code trend}), or null.
     */
    public record View(String id, Map<String, String> title, Map<String, String> description, String explore, String chart,
            String story) {
        /** The chart types a view may name. */
        public static final List<String> CHARTS = List.of("bar", "hbar", "stacked", "line", "pie", "donut", "treemap", "scatter");
        /** The panels of a story page a view may fill. */
        public static final List<String> STORY_PANELS = List.of("share", "change", "trend");

        public String title(String lang) {
            return pick(title, lang, id);
        }

        public String description(String lang) {
            return pick(description, lang, "");
        }
    }

    public record Agent(String name, String homepage) {}

    public record Contact(String name, String email, String url) {}

    /**
     * The table, and how to read it: {@code sheet} (name or position from 1; null: the first), {@code headerRow} (from 1;
     * null: found without a mapping, the first row with one), {@code encoding} and {@code delimiter} (CSV; null: detected,
     * found without a mapping, a comma with one); with a mapping they apply where the mapping's own logical source says
     * nothing. {@code idColumn}: for a dataset without a mapping, the column that names the rows (null: chosen).
     */
    public record Source(Path file, String mediaType, String title, String sheet, Integer headerRow, String idColumn,
            Charset encoding, Character delimiter, Map<String, ColumnOverride> columns) {
        public Source {
            columns = columns == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        }

        public Source(Path file, String mediaType, String title, String sheet, Integer headerRow, String idColumn,
                Charset encoding, Character delimiter) {
            this(file, mediaType, title, sheet, headerRow, idColumn, encoding, delimiter, Map.of());
        }

        public Source(Path file, String mediaType, String title) {
            this(file, mediaType, title, null, null, null);
        }

        public Source(Path file, String mediaType, String title, String sheet, Integer headerRow, String idColumn) {
            this(file, mediaType, title, sheet, headerRow, idColumn, null, null);
        }

        /** Whether the source is a table (CSV, Excel) rather than a JSON document (JSON, GeoJSON) only a mapping reads. */
        public boolean table() {
            return isTable(file.getFileName().toString());
        }

        /** A table the readers read (CSV, Excel), as opposed to a JSON document (JSON, GeoJSON, JSON-LD). */
        public static boolean isTable(String fileName) {
            String lower = fileName.toLowerCase(java.util.Locale.ROOT);
            return !(lower.endsWith(".json") || lower.endsWith(".geojson") || lower.endsWith(".jsonld"));
        }

        /** How to read the table, as the converter takes it. */
        public SourceOptions options() {
            return new SourceOptions(headerRow, sheet, encoding, delimiter);
        }
    }

    /** True when the description names no mapping: the table is converted with one inferred from it. */
    public boolean automatic() {
        return mapping == null;
    }

    /** The folder of the description (where the mapping and the source live). */
    public Path folder() {
        return file.getParent();
    }

    /** A title in the preferred language, falling back to Spanish, then to any, then to the slug. */
    public String title(String lang) {
        return pick(title, lang, slug);
    }

    static String pick(Map<String, String> byLang, String lang, String fallback) {
        if (byLang == null || byLang.isEmpty()) return fallback;
        if (byLang.containsKey(lang)) return byLang.get(lang);
        if (byLang.containsKey("es")) return byLang.get("es");
        return byLang.values().iterator().next();
    }
}
