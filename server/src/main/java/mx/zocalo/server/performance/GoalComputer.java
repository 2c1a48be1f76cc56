package mx.zocalo.server.performance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import mx.zocalo.server.table.NoSuchDatasetException;
import mx.zocalo.server.table.SoqlException;
import mx.zocalo.server.table.TableService;

/**
 * Computes the measures of one goal with the row API: for each period from the calculation start to the goal's end (or
 * today, if sooner), the value, its target and status; the same per member of a {@code by:} column. A measure that
 * cannot be computed (its dataset is not published, a column is wrong) gets an empty series and a problem.
 */
final class GoalComputer {
    private final TableService tables;
    private final Clock clock;

    GoalComputer(TableService tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    GoalResult compute(Goal goal) {
        List<PerformanceProblem> problems = new ArrayList<>();
        Map<String, RowSeries.Cells> cells = new HashMap<>();
        List<MeasureResult> results = new ArrayList<>();
        LinkedHashSet<String> datasets = new LinkedHashSet<>();
        int n = 0;
        for (Measure m : goal.measures()) {
            n++;
            String at = "measures[" + n + "]";
            try {
                MeasureResult r = compute(goal, m, cells);
                results.add(r);
                datasets.addAll(r.datasets());
            } catch (RowSeries.MeasureException e) {
                problems.add(new PerformanceProblem(goal.file(), m.line(), at + "." + e.field, e.getMessage()));
                results.add(empty(goal, m));
            } catch (NoSuchDatasetException e) {
                problems.add(new PerformanceProblem(goal.file(), m.line(), at + ".dataset", "names no published dataset: '" + e.slug() + "'"));
                results.add(empty(goal, m));
            } catch (SoqlException e) {
                problems.add(new PerformanceProblem(goal.file(), m.line(), at + "." + GoalCheck.field(e), e.getMessage()));
                results.add(empty(goal, m));
            }
        }
        return new GoalResult(goal, results, List.copyOf(datasets), clock.instant(), problems);
    }

    private MeasureResult empty(Goal goal, Measure m) {
        return new MeasureResult(m, List.of(), Map.of(), Map.of(), null, null, null, List.of(), m.datasets(goal));
    }

    private RowSeries.Cells cells(Goal goal, Measure m, Frequency every, String role, Map<String, RowSeries.Cells> kept) {
        return kept.computeIfAbsent(m.id() + "/" + every + "/" + role, k -> RowSeries.cells(tables, m, every, role));
    }

    private MeasureResult compute(Goal goal, Measure m, Map<String, RowSeries.Cells> kept) {
        Map<Period, Double> whole;
        Map<String, Map<Period, Double>> members = new LinkedHashMap<>();
        Map<String, Map<Period, String>> reasons = new HashMap<>();
        List<MeasureQuery> queries = new ArrayList<>();
        TreeSet<Period> seen = new TreeSet<>();
        Map<String, String> labels = new HashMap<>();
        if (m.rate() == null) {
            RowSeries.Cells c = cells(goal, m, m.every(), "value", kept);
            queries.addAll(c.queries());
            labels.putAll(c.labels());
            whole = values(m, c.whole(), seen);
            c.members().forEach((member, cs) -> members.put(member, values(m, cs, seen)));
        } else {
            Measure num = goal.measure(m.rate().numerator()).orElseThrow(() -> new RowSeries.MeasureException("rate.numerator", "names no measure"));
            Measure den = goal.measure(m.rate().denominator()).orElseThrow(() -> new RowSeries.MeasureException("rate.denominator", "names no measure"));
            RowSeries.Cells nc = cells(goal, num, m.every(), "numerator", kept);
            RowSeries.Cells dc = cells(goal, den, m.every(), "denominator", kept);
            queries.addAll(nc.queries());
            queries.addAll(dc.queries());
            labels.putAll(nc.labels());
            Map<Period, String> why = new HashMap<>();
            whole = rate(m, running(m, values(num, nc.whole(), seen)), values(den, dc.whole(), null), why);
            reasons.put("", why);
            for (var e : nc.members().entrySet()) {
                Map<Period, String> w = new HashMap<>();
                members.put(e.getKey(), rate(m, running(m, values(num, e.getValue(), seen)), values(den, dc.members().getOrDefault(e.getKey(), Map.of()), null), w));
                reasons.put(e.getKey(), w);
            }
        }
        List<Period> periods = periods(goal, m, seen);
        Period baseline = m.target() == null || m.target().baseline() == null ? null : Period.parse(m.target().baseline());
        Double baselineValue = baseline == null ? null : whole.get(baseline);
        Double targetValue = m.target() == null ? null : m.target().resolve(baselineValue);
        List<Observation> series = observations(m, null, periods, whole, reasons.getOrDefault("", Map.of()), targetValue);
        Map<String, List<Observation>> byMember = new LinkedHashMap<>();
        Map<String, String> memberLabels = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(members.keySet());
        java.text.Collator order = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("es"));
        keys.sort((a, b) -> order.compare(labels.getOrDefault(a, a), labels.getOrDefault(b, b)));
        for (String k : keys) memberLabels.put(k, labels.getOrDefault(k, k));
        for (var e : members.entrySet()) {
            Double mb = baseline == null ? null : e.getValue().get(baseline);
            Double mt = m.target() == null ? null : m.target().resolve(mb);
            byMember.put(e.getKey(), observations(m, e.getKey(), periods, e.getValue(), reasons.getOrDefault(e.getKey(), Map.of()), mt));
        }
        Map<String, List<Observation>> sorted = new LinkedHashMap<>();
        for (String k : keys) sorted.put(k, byMember.get(k));
        return new MeasureResult(m, series, sorted, memberLabels, baseline, baselineValue, targetValue, queries, m.datasets(goal));
    }

    /** The value of each period (before cumulation); {@code seen} collects the periods with rows. */
    private static Map<Period, Double> values(Measure m, Map<Period, RowSeries.Cell> cells, TreeSet<Period> seen) {
        Map<Period, Double> out = new HashMap<>();
        cells.forEach((p, c) -> out.put(p, c.value(m.aggregate())));
        if (seen != null) seen.addAll(cells.keySet());
        return out;
    }

    /** A cumulative rate divides the numerator summed so far by the denominator of the period. */
    private static Map<Period, Double> running(Measure m, Map<Period, Double> values) {
        if (!m.cumulative()) return values;
        Map<Period, Double> out = new java.util.TreeMap<>(values);
        double sum = 0;
        for (var e : out.entrySet()) {
            sum += e.getValue();
            e.setValue(sum);
        }
        return out;
    }

    private static Map<Period, Double> rate(Measure m, Map<Period, Double> num, Map<Period, Double> den, Map<Period, String> why) {
        Map<Period, Double> out = new HashMap<>();
        for (var e : num.entrySet()) {
            Double d = den.get(e.getKey());
            if (d == null) why.put(e.getKey(), "no-denominator");
            else if (d == 0) why.put(e.getKey(), "zero-denominator");
            else out.put(e.getKey(), e.getValue() / d * m.rate().per());
        }
        return out;
    }

    /**
     * The periods shown: every period from the calculation start to the goal's end (or today, if sooner); for months
     * of no stated year, the twelve months.
     */
    List<Period> periods(Goal goal, Measure m, TreeSet<Period> seen) {
        if (!seen.isEmpty() && !seen.first().dated()) {
            List<Period> months = new ArrayList<>();
            for (int i = 1; i <= 12; i++) months.add(Period.monthOfNoYear(i));
            return months;
        }
        LocalDate from = m.from() != null && m.from().isAfter(goal.start()) ? m.from() : goal.start();
        LocalDate today = LocalDate.now(clock);
        LocalDate to = goal.end().isBefore(today) ? goal.end() : today;
        List<Period> out = new ArrayList<>();
        for (Period p = Period.of(from, m.every()); !p.start().isAfter(to); p = p.next()) out.add(p);
        return out;
    }

    private static List<Observation> observations(Measure m, String member, List<Period> periods, Map<Period, Double> values,
            Map<Period, String> reasons, Double target) {
        List<Observation> out = new ArrayList<>();
        double running = 0;
        Target t = m.target();
        double[] band = t == null || target == null ? null : TargetRule.band(t.direction(), target, t.tolerance());
        for (Period p : periods) {
            Double v = values.get(p);
            if (v == null) {
                out.add(new Observation(p, member, null, Status.NO_DATA, reasons.getOrDefault(p, "no-rows"), target,
                        band == null ? null : band[0], band == null ? null : band[1]));
                continue;
            }
            running += v;
            double value = m.cumulative() && m.rate() == null ? running : v;
            Status s = band == null ? Status.NO_TARGET : TargetRule.status(t.direction(), target, t.tolerance(), value);
            out.add(new Observation(p, member, value, s, null, target, band == null ? null : band[0], band == null ? null : band[1]));
        }
        return out;
    }
}
