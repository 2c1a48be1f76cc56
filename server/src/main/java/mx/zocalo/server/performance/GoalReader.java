package mx.zocalo.server.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one goal file ({@code performance/*.yaml}). Everything that can be checked without the data is checked here,
 * and every problem is collected with its line and field ({@link PerformanceProblem}); the datasets and columns are
 * checked by {@link GoalCheck} against the published tables.
 */
final class GoalReader {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Set<String> GOAL_KEYS = Set.of("id", "title", "narrative", "department", "category", "start", "end",
            "illustrative", "measures");
    static final Set<String> MEASURE_KEYS = Set.of("id", "title", "unit", "dataset", "table", "aggregate", "column", "where",
            "period", "every", "from", "cumulative", "by", "rate", "target");
    static final Set<String> TARGET_KEYS = Set.of("direction", "value", "change", "baseline", "date", "tolerance");
    static final Set<String> RATE_KEYS = Set.of("numerator", "denominator", "per");

    private final Path file;
    private final List<PerformanceProblem> problems;

    private GoalReader(Path file, List<PerformanceProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The goal of {@code file}, or null when it is too broken to be one; problems are added to {@code problems}. */
    static Goal read(Path file, List<PerformanceProblem> problems) {
        YamlTree root;
        try {
            root = YamlTree.read(file);
        } catch (YamlTree.SyntaxException e) {
            problems.add(new PerformanceProblem(file, e.line, "(yaml)", e.getMessage().trim()));
            return null;
        } catch (IOException e) {
            problems.add(new PerformanceProblem(file, 0, "(file)", "cannot be read: " + e.getMessage()));
            return null;
        }
        return new GoalReader(file, problems).goal(root);
    }

    private Goal goal(YamlTree root) {
        if (!root.isMap()) {
            problem(root, "(goal)", "must be a mapping with id, title, category, start, end and measures");
            return null;
        }
        unknownKeys(root, "", GOAL_KEYS);
        String fileId = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String id = root.get("id") == null ? fileId : text(root, "id", "id");
        if (id != null && !ID.matcher(id).matches()) {
            problem(root.get("id") == null ? root : root.get("id"), "id", "must be lowercase letters, digits and hyphens, got '" + id + "'");
        }
        Map<String, String> title = languages(root, "title", "title", true);
        Map<String, String> narrative = languages(root, "narrative", "narrative", false);
        String department = text(root, "department", "department");
        if (department == null) problem(root, "department", "is missing: the department responsible for the goal");
        String category = text(root, "category", "category");
        if (category == null) problem(root, "category", "is missing (e.g. safety, mobility, health, finance)");
        else if (!ID.matcher(category).matches()) problem(root.get("category"), "category", "must be a lowercase word, e.g. safety");
        LocalDate start = date(root, "start", "start", true);
        LocalDate end = date(root, "end", "end", true);
        if (start != null && end != null && end.isBefore(start)) problem(root.get("end"), "end", "is before the start " + start);
        boolean illustrative = bool(root, "illustrative", "illustrative");
        List<Measure> measures = new ArrayList<>();
        YamlTree list = root.get("measures");
        if (list == null || !list.isList() || list.list().isEmpty()) {
            problem(list == null ? root : list, "measures", "must be a list of one or more measures (- id: ..., dataset: ...)");
        } else {
            int n = 0;
            for (YamlTree m : list.list()) {
                Measure measure = measure(m, "measures[" + (++n) + "]", start);
                if (measure != null) measures.add(measure);
            }
        }
        rates(list, measures);
        if (id == null || title.isEmpty() || category == null || start == null || end == null) return null;
        return new Goal(id, title, narrative, department, category, start, end, illustrative, measures, file);
    }

    private Measure measure(YamlTree m, String at, LocalDate goalStart) {
        if (!m.isMap()) {
            problem(m, at, "must be a mapping with id, title, dataset, aggregate, period and every");
            return null;
        }
        unknownKeys(m, at + ".", MEASURE_KEYS);
        String id = text(m, "id", at + ".id");
        if (id == null) problem(m, at + ".id", "is missing");
        else if (!ID.matcher(id).matches()) problem(m.get("id"), at + ".id", "must be lowercase letters, digits and hyphens, got '" + id + "'");
        Map<String, String> title = languages(m, "title", at + ".title", true);
        Map<String, String> unit = languages(m, "unit", at + ".unit", false);
        Aggregate aggregate = word(m, "aggregate", at + ".aggregate", Aggregate.class);
        if (aggregate == null && m.get("aggregate") == null) problem(m, at + ".aggregate", "is missing (count, sum, avg or rate)");
        String dataset = text(m, "dataset", at + ".dataset");
        String column = text(m, "column", at + ".column");
        Rate rate = null;
        if (aggregate == Aggregate.RATE) {
            rate = rate(m.get("rate"), at + ".rate", m);
            for (String k : List.of("dataset", "column", "where", "period", "table")) {
                if (m.get(k) != null) problem(m.get(k), at + "." + k, "is not for a rate: give it to the rate's numerator and denominator measures");
            }
        } else if (aggregate != null) {
            if (dataset == null) problem(m, at + ".dataset", "is missing: the slug of the published dataset the measure reads");
            else if (!ID.matcher(dataset).matches()) problem(m.get("dataset"), at + ".dataset", "is not a dataset slug: '" + dataset + "'");
            if ((aggregate == Aggregate.SUM || aggregate == Aggregate.AVG) && column == null) {
                problem(m, at + ".column", "is missing: the column to " + aggregate.word());
            }
            if (aggregate == Aggregate.COUNT && column != null) problem(m.get("column"), at + ".column", "is not for a count (it counts rows)");
            if (m.get("rate") != null) problem(m.get("rate"), at + ".rate", "is only for aggregate: rate");
            if (m.get("period") == null) problem(m, at + ".period", "is missing: the column that gives each row's period (a year, month or date column)");
        }
        String period = text(m, "period", at + ".period");
        Frequency every = word(m, "every", at + ".every", Frequency.class);
        if (every == null && m.get("every") == null) problem(m, at + ".every", "is missing (month, quarter or year)");
        LocalDate from = date(m, "from", at + ".from", false);
        boolean cumulative = bool(m, "cumulative", at + ".cumulative");
        if (cumulative && aggregate == Aggregate.AVG) problem(m.get("cumulative"), at + ".cumulative", "is not for an average");
        Target target = target(m.get("target"), at + ".target", goalStart);
        if (id == null || title.isEmpty() || aggregate == null || every == null) return null;
        return new Measure(id, title, unit, dataset, text(m, "table", at + ".table"), aggregate, column, text(m, "where", at + ".where"),
                period, every, from, cumulative, text(m, "by", at + ".by"), rate, target, m.line());
    }

    private Rate rate(YamlTree r, String at, YamlTree measure) {
        if (r == null || !r.isMap()) {
            problem(r == null ? measure : r, at, "is missing: a rate needs rate: {numerator: MEASURE, denominator: MEASURE, per: 100000}");
            return null;
        }
        unknownKeys(r, at + ".", RATE_KEYS);
        String num = text(r, "numerator", at + ".numerator");
        String den = text(r, "denominator", at + ".denominator");
        if (num == null) problem(r, at + ".numerator", "is missing: the id of the measure to divide");
        if (den == null) problem(r, at + ".denominator", "is missing: the id of the measure to divide by");
        Double per = r.get("per") == null ? Double.valueOf(1) : number(r, "per", at + ".per");
        if (per != null && !(per > 0)) {
            problem(r.get("per"), at + ".per", "must be a number above 0 (e.g. 100000)");
            per = null;
        }
        return num == null || den == null || per == null ? null : new Rate(num, den, per);
    }

    /** A rate names two other measures of the goal, each with rows of its own (not itself, not a rate). */
    private void rates(YamlTree list, List<Measure> measures) {
        Map<String, Measure> byId = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Measure m : measures) {
            if (!seen.add(m.id())) problemAt(m.line(), "measures." + m.id() + ".id", "is used by two measures; give each its own");
            byId.putIfAbsent(m.id(), m);
        }
        int n = 0;
        for (Measure m : measures) {
            n++;
            if (m.rate() == null) continue;
            String at = "measures[" + (list.list().indexOf(list.list().stream().filter(t -> m.line() == t.line()).findFirst().orElse(null)) + 1) + "].rate";
            Rate r = m.rate();
            for (String[] side : new String[][] {{"numerator", r.numerator()}, {"denominator", r.denominator()}}) {
                Measure ref = byId.get(side[1]);
                if (side[1].equals(m.id())) problemAt(m.line(), at + "." + side[0], "is the rate itself: a rate divides two other measures");
                else if (ref == null) problemAt(m.line(), at + "." + side[0], "names no measure of this goal: '" + side[1] + "' (measures: "
                        + String.join(", ", byId.keySet()) + ")");
                else if (ref.rate() != null) problemAt(m.line(), at + "." + side[0], "names a rate ('" + side[1] + "'): name a measure with rows");
            }
            if (r.numerator().equals(r.denominator()) && !r.numerator().equals(m.id())) {
                problemAt(m.line(), at + ".denominator", "is the numerator too: a rate of a measure on itself is always 1");
            }
        }
    }

    private Target target(YamlTree t, String at, LocalDate goalStart) {
        if (t == null) return null;
        if (!t.isMap()) {
            problem(t, at, "must be a mapping with direction, value (or change and baseline), date and tolerance");
            return null;
        }
        unknownKeys(t, at + ".", TARGET_KEYS);
        Direction direction = word(t, "direction", at + ".direction", Direction.class);
        if (direction == null && t.get("direction") == null) problem(t, at + ".direction", "is missing (above, below or equal)");
        Double value = t.get("value") == null ? null : number(t, "value", at + ".value");
        Double change = t.get("change") == null ? null : percent(t, "change", at + ".change");
        String baseline = text(t, "baseline", at + ".baseline");
        if (baseline != null && Period.parse(baseline) == null) {
            problem(t.get("baseline"), at + ".baseline", "is not a period: write 2014, 2014-03, 2014-Q1 or --03");
            baseline = null;
        }
        if (t.get("value") != null && t.get("change") != null) problem(t.get("change"), at + ".change", "goes with no value: give value or change, not both");
        if (t.get("value") == null && t.get("change") == null) problem(t, at + ".value", "is missing: give value, or change with baseline");
        if (t.get("change") != null && t.get("baseline") == null) problem(t.get("change"), at + ".baseline", "is missing: a change is counted from a baseline period");
        LocalDate date = date(t, "date", at + ".date", true);
        if (date != null && goalStart != null && date.isBefore(goalStart)) {
            problem(t.get("date"), at + ".date", "is before the goal's start " + goalStart);
        }
        Tolerance tolerance = Tolerance.NONE;
        YamlTree tol = t.get("tolerance");
        if (tol != null) {
            String s = tol.text() == null ? "" : tol.text().trim();
            boolean pct = s.endsWith("%");
            try {
                tolerance = new Tolerance(Double.parseDouble(pct ? s.substring(0, s.length() - 1).trim() : s), pct);
            } catch (IllegalArgumentException e) {
                problem(tol, at + ".tolerance", "must be a number >= 0, or a percentage of the target (5%), got '" + s + "'");
            }
        }
        if (direction == null || date == null || (value == null) == (change == null) || (change != null && baseline == null)) return null;
        return new Target(direction, value, change, baseline, date, tolerance);
    }

    private Double percent(YamlTree parent, String key, String at) {
        String s = parent.get(key).text();
        try {
            return Double.parseDouble(s.trim().replaceFirst("%$", "").trim());
        } catch (RuntimeException e) {
            problem(parent.get(key), at, "must be a percentage, e.g. -10% (10 % fewer than the baseline), got '" + s + "'");
            return null;
        }
    }

    private Double number(YamlTree parent, String key, String at) {
        String s = parent.get(key).text();
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) return d;
        } catch (RuntimeException e) {
            // told below
        }
        problem(parent.get(key), at, "must be a number, got '" + s + "'");
        return null;
    }

    private <E extends Enum<E>> E word(YamlTree parent, String key, String at, Class<E> type) {
        String s = text(parent, key, at);
        if (s == null) return null;
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> words = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            problem(parent.get(key), at, "must be one of " + String.join(", ", words) + ", got '" + s + "'");
            return null;
        }
    }

    private boolean bool(YamlTree parent, String key, String at) {
        String s = text(parent, key, at);
        if (s == null) return false;
        if (s.equals("true") || s.equals("false")) return s.equals("true");
        problem(parent.get(key), at, "must be true or false, got '" + s + "'");
        return false;
    }

    private LocalDate date(YamlTree parent, String key, String at, boolean required) {
        String s = text(parent, key, at);
        if (s == null) {
            if (required) problem(parent, at, "is missing: a date such as 2014-01-01");
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            problem(parent.get(key), at, "must be a date such as 2014-01-01, got '" + s + "'");
            return null;
        }
    }

    private Map<String, String> languages(YamlTree parent, String key, String at, boolean required) {
        YamlTree n = parent.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isScalar()) out.put("es", n.text().trim());
        else if (n != null && n.isMap()) n.map().forEach((lang, v) -> {
            if (v.isScalar()) out.put(lang, v.text().trim());
            else problem(v, at + "." + lang, "must be text");
        });
        out.values().removeIf(String::isBlank);
        if (out.isEmpty() && required) problem(n == null ? parent : n, at, "is missing (give it per language, e.g. es: ..., en: ...)");
        return out;
    }

    private String text(YamlTree parent, String key, String at) {
        YamlTree n = parent.get(key);
        if (n == null || n.value() == null) return null;
        if (!n.isScalar()) {
            problem(n, at, "must be a single value, not a " + (n.isMap() ? "mapping" : "list"));
            return null;
        }
        return n.text().isBlank() ? null : n.text().trim();
    }

    private void unknownKeys(YamlTree node, String prefix, Set<String> keys) {
        for (Map.Entry<String, YamlTree> e : node.map().entrySet()) {
            if (!keys.contains(e.getKey())) {
                problem(e.getValue(), prefix + e.getKey(), "is not a known key (" + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    private void problem(YamlTree at, String field, String message) {
        problemAt(at == null ? 0 : at.line(), field, message);
    }

    private void problemAt(int line, String field, String message) {
        problems.add(new PerformanceProblem(file, line, field, message));
    }
}
