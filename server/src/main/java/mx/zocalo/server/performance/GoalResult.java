package mx.zocalo.server.performance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A goal with the values of its measures, the datasets they read, and when they were computed ({@code lastUpdated}:
 * at the publish of a dataset they read, or at start). {@code problems} are what kept a measure from being computed
 * (then its series is empty).
 */
public record GoalResult(Goal goal, List<MeasureResult> measures, List<String> datasets, Instant lastUpdated,
        List<PerformanceProblem> problems) {
    public GoalResult {
        measures = List.copyOf(measures);
        datasets = List.copyOf(datasets);
        problems = List.copyOf(problems);
    }

    public String id() {
        return goal.id();
    }

    public Optional<MeasureResult> measure(String id) {
        return measures.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The first measure: its latest value is the goal's headline figure. */
    public Optional<MeasureResult> headline() {
        return measures.stream().findFirst();
    }

    /** The status of the headline figure ({@link Status#NO_DATA} when there is none). */
    public Status status() {
        return headline().flatMap(MeasureResult::latest).map(Observation::status).orElse(Status.NO_DATA);
    }
}
