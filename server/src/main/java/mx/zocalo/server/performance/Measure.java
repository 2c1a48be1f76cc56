package mx.zocalo.server.performance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One measure of a goal as declared: from dataset {@code dataset} (its table {@code table}, or the default one), the
 * rows {@code where} selects (SoQL, e.g. {@code entidad_federativa.label = 'Nuevo León'}) give one value per
 * {@code every} period of column {@code period}: their count, the sum or average of {@code column}, or, for
 * {@link Aggregate#RATE}, the {@link Rate} of two other measures. Values are counted from {@code from} (the calculation
 * start; null: the goal's start), per period or {@code cumulative}. With {@code by} (a column or path, e.g.
 * {@code entidad_federativa.label}) there is also one value per member of that column for each period.
 */
public record Measure(String id, Map<String, String> title, Map<String, String> unit, String dataset, String table,
        Aggregate aggregate, String column, String where, String period, Frequency every, LocalDate from, boolean cumulative,
        String by, Rate rate, Target target, int line) {
    public Measure {
        title = Map.copyOf(title);
        unit = unit == null ? Map.of() : Map.copyOf(unit);
    }

    /** The title in {@code lang}, else Spanish, else any. */
    public String title(String lang) {
        return Goal.pick(title, lang);
    }

    /** The unit in {@code lang} (empty when none). */
    public String unit(String lang) {
        return unit.isEmpty() ? "" : Goal.pick(unit, lang);
    }

    /** The datasets whose rows this measure reads (its own, or those of a rate's two measures, given the goal). */
    public List<String> datasets(Goal goal) {
        if (rate == null) return dataset == null ? List.of() : List.of(dataset);
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String ref : List.of(rate.numerator(), rate.denominator())) {
            goal.measure(ref).filter(m -> m != this && m.rate() == null).ifPresent(m -> out.addAll(m.datasets(goal)));
        }
        return List.copyOf(out);
    }
}
