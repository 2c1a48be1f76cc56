package mx.zocalo.server.performance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A measure with its values: {@code series} one observation per period for the whole (every period from the
 * calculation start to the goal's end, or to today; periods without rows are {@link Status#NO_DATA}); {@code members}
 * the same per member of the {@code by:} column (empty without one), keyed by the member's key (the IRI of a linked
 * resource, such as a state of the places dataset, else the column's value), with {@code memberLabels} the label of each
 * key, in label order; the baseline period and
 * its value (nulls without a baseline); the resolved target value (null without target); the queries behind the
 * numbers; the datasets read.
 */
public record MeasureResult(Measure measure, List<Observation> series, Map<String, List<Observation>> members,
        Map<String, String> memberLabels, Period baselinePeriod,
        Double baselineValue, Double targetValue, List<MeasureQuery> queries, List<String> datasets) {
    public MeasureResult {
        series = List.copyOf(series);
        members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
        memberLabels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memberLabels));
        queries = List.copyOf(queries);
        datasets = List.copyOf(datasets);
    }

    public String id() {
        return measure.id();
    }

    /** The latest observation with a value (the headline figure), if any. */
    public Optional<Observation> latest() {
        for (int i = series.size() - 1; i >= 0; i--) if (series.get(i).hasValue()) return Optional.of(series.get(i));
        return Optional.empty();
    }

    /** The series of one member ({@code by:} value), or the whole series for null. */
    public List<Observation> series(String member) {
        return member == null ? series : members.getOrDefault(member, List.of());
    }

    /**
     * The direction of the last change: +1 when the latest value is above the one before it, -1 below, 0 equal or
     * fewer than two values.
     */
    public int trend() {
        Double last = null;
        for (int i = series.size() - 1; i >= 0; i--) {
            Double v = series.get(i).value();
            if (v == null) continue;
            if (last == null) last = v;
            else return Double.compare(last, v) > 0 ? 1 : Double.compare(last, v) < 0 ? -1 : 0;
        }
        return 0;
    }
}
