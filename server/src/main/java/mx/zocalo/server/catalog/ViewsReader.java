package mx.zocalo.server.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code views:} list of a dataset.yaml: each view an {@code id} (lowercase letters, digits, hyphens; it ends
 * the view's IRI), a {@code title} and a {@code description} in Spanish and English, an {@code explore} query (the
 * explorer's URL parameters) and a {@code chart} type; optionally {@code story} (its panel of the story page). What can
 * be checked without the data is checked here; the columns the query names are checked at publish time.
 */
final class ViewsReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ViewsReader() {}

    static List<DatasetDescription.View> read(Path file, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) return List.of();
        if (!node.isArray()) throw error(file, "views", "must be a list of views (- id: ..., title: ..., explore: ..., chart: ...)");
        List<DatasetDescription.View> views = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> panels = new HashSet<>();
        int n = 0;
        for (JsonNode v : node) {
            n++;
            if (!v.isObject()) throw error(file, "views[" + n + "]", "must be a mapping with id, title, explore and chart");
            String id = text(v, "id");
            if (id == null) throw error(file, "views[" + n + "].id", "is missing");
            if (!ID.matcher(id).matches()) {
                throw error(file, "views[" + n + "].id", "must be lowercase letters, digits and hyphens, got '" + id + "'");
            }
            if (!ids.add(id)) throw view(file, id, "id", "is used by two views; give each its own");
            Map<String, String> title = languages(file, id, v, "title");
            Map<String, String> description = languages(file, id, v, "description");
            String explore = text(v, "explore");
            if (explore == null || explore.isBlank()) {
                throw view(file, id, "explore", "is missing: give the explorer's parameters, e.g. group=COLUMN&agg=sum&of=COLUMN");
            }
            explore = explore.trim();
            if (explore.startsWith("?")) explore = explore.substring(1);
            String chart = text(v, "chart");
            if (chart == null) throw view(file, id, "chart", "is missing (one of " + String.join(", ", DatasetDescription.View.CHARTS) + ")");
            if (!DatasetDescription.View.CHARTS.contains(chart.trim())) {
                throw view(file, id, "chart", "names an unknown chart type '" + chart + "' (one of "
                        + String.join(", ", DatasetDescription.View.CHARTS) + ")");
            }
            String story = text(v, "story");
            if (story != null) {
                if (!DatasetDescription.View.STORY_PANELS.contains(story.trim())) {
                    throw view(file, id, "story", "names an unknown panel '" + story + "' (one of "
                            + String.join(", ", DatasetDescription.View.STORY_PANELS) + ")");
                }
                if (!panels.add(story.trim())) throw view(file, id, "story", "'" + story + "' is the panel of another view too");
                story = story.trim();
            }
            for (var keys = v.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("id", "title", "description", "explore", "chart", "story").contains(key)) {
                    throw view(file, id, key, "is not a key of a view (id, title, description, explore, chart, story)");
                }
            }
            views.add(new DatasetDescription.View(id, title, description, explore, chart.trim(), story));
        }
        return views;
    }

    private static Map<String, String> languages(Path file, String id, JsonNode v, String key) {
        JsonNode n = v.path(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isTextual()) out.put("es", n.asText().trim());
        else if (n.isObject()) n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText().trim()));
        out.values().removeIf(String::isBlank);
        if (out.isEmpty()) throw view(file, id, key, "is missing (give it per language, e.g. es: ..., en: ...)");
        return out;
    }

    private static DescriptionException view(Path file, String id, String key, String problem) {
        return new DescriptionException(file + ": view '" + id + "': key '" + key + "' " + problem);
    }

    private static DescriptionException error(Path file, String field, String problem) {
        return new DescriptionException(file + ": field '" + field + "' " + problem);
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
