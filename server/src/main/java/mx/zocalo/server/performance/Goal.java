package mx.zocalo.server.performance;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A goal as the office declares it in {@code performance/*.yaml}: title and narrative per language, the responsible
 * department, a category ({@code safety}, {@code mobility}, ...), start and end dates, whether its targets are
 * {@code illustrative} (made up for a demonstration: pages say so), and its measures.
 */
public record Goal(String id, Map<String, String> title, Map<String, String> narrative, String department, String category,
        LocalDate start, LocalDate end, boolean illustrative, List<Measure> measures, Path file) {
    public Goal {
        title = Map.copyOf(title);
        narrative = narrative == null ? Map.of() : Map.copyOf(narrative);
        measures = List.copyOf(measures);
    }

    public String title(String lang) {
        return pick(title, lang);
    }

    public String narrative(String lang) {
        return narrative.isEmpty() ? "" : pick(narrative, lang);
    }

    public Optional<Measure> measure(String id) {
        return measures.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Every dataset a measure of this goal reads, in the order the measures name them. */
    public List<String> datasets() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Measure m : measures) if (m.dataset() != null) out.add(m.dataset());
        return List.copyOf(out);
    }

    static String pick(Map<String, String> byLang, String lang) {
        if (lang != null && byLang.containsKey(lang)) return byLang.get(lang);
        if (byLang.containsKey("es")) return byLang.get("es");
        return byLang.values().stream().findFirst().orElse("");
    }
}
