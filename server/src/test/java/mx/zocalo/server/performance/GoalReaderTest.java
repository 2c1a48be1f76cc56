package mx.zocalo.server.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Goal files: each kind of error reported with its file, line and field; a good file read in full. */
class GoalReaderTest {
    @TempDir
    Path dir;

    private List<PerformanceProblem> problems(String yaml) throws IOException {
        Path f = dir.resolve("meta.yaml");
        Files.writeString(f, yaml);
        List<PerformanceProblem> out = new ArrayList<>();
        GoalReader.read(f, out);
        return out;
    }

    private static String at(List<PerformanceProblem> p) {
        return String.join("\n", p.stream().map(x -> x.line() + " " + x.field() + ": " + x.message()).toList());
    }

    @Test
    void every_kind_of_error_is_reported_with_its_line_and_field() throws IOException {
        List<PerformanceProblem> p = problems("""
                id: meta
                title: {es: Meta, en: Goal}
                department: Seguridad
                category: safety
                start: 2014-01-01
                end: 2013-12-31
                colour: red
                measures:
                  - id: a
                    title: {es: A}
                    dataset: accidentes-carreteros
                    aggregate: median
                    period: mes
                    every: month
                  - id: b
                    title: {es: B}
                    aggregate: rate
                    rate: {numerator: b, denominator: a}
                    every: fortnight
                  - id: c
                    title: {es: C}
                    aggregate: rate
                    rate: {numerator: x, denominator: x}
                    every: year
                    target:
                      direction: down
                      value: 3
                      date: 2013-01-01
                      tolerance: many
                  - id: d
                    title: {es: D}
                    dataset: accidentes-carreteros
                    aggregate: sum
                    period: mes
                    every: month
                    target:
                      direction: below
                      change: -10%
                      date: 2014-12-31
                """);
        String all = at(p);
        assertThat(all).contains("6 end: is before the start 2014-01-01");
        assertThat(all).contains("7 colour: is not a known key");
        assertThat(all).contains("12 measures[1].aggregate: must be one of count, sum, avg, rate, got 'median'");
        assertThat(all).contains("19 measures[2].every: must be one of month, quarter, year, got 'fortnight'");
        assertThat(all).contains("measures[3].rate.numerator: names no measure of this goal: 'x'");
        assertThat(all).contains("measures[3].rate.denominator: is the numerator too: a rate of a measure on itself");
        assertThat(all).contains("26 measures[3].target.direction: must be one of above, below, equal, got 'down'");
        assertThat(all).contains("28 measures[3].target.date: is before the goal's start 2014-01-01");
        assertThat(all).contains("29 measures[3].target.tolerance: must be a number >= 0");
        assertThat(all).contains("30 measures[4].column: is missing: the column to sum");
        assertThat(all).contains("measures[4].target.baseline: is missing: a change is counted from a baseline period");
        // the rate of measure b on itself: told at the line of measure b (a valid measure otherwise but for its period)
        assertThat(p).allSatisfy(x -> assertThat(x.file()).isEqualTo(dir.resolve("meta.yaml")));
    }

    @Test
    void a_rate_of_a_measure_on_itself_is_told_at_its_measure() throws IOException {
        List<PerformanceProblem> p = problems("""
                id: meta
                title: Meta
                department: Seguridad
                category: safety
                start: 2014-01-01
                end: 2014-12-31
                measures:
                  - id: tasa
                    title: Tasa
                    aggregate: rate
                    rate: {numerator: tasa, denominator: otra}
                    every: year
                  - id: otra
                    title: Otra
                    dataset: poblacion-estatal
                    aggregate: count
                    period: anio
                    every: year
                """);
        assertThat(at(p)).isEqualTo("8 measures[1].rate.numerator: is the rate itself: a rate divides two other measures");
    }

    @Test
    void a_yaml_syntax_error_names_its_line() throws IOException {
        List<PerformanceProblem> p = problems("id: meta\ntitle: [unclosed\ncategory: safety\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).field()).isEqualTo("(yaml)");
        assertThat(p.get(0).line()).isBetween(2, 4);
    }

    @Test
    void the_demo_goals_read_without_problems() {
        List<PerformanceProblem> p = new ArrayList<>();
        List<Goal> goals = GoalFiles.read(PerformancePortal.GOALS, p);
        assertThat(p).isEmpty();
        assertThat(goals).extracting(Goal::id).containsExactly("accidentes-nuevo-leon", "delitos-nuevo-leon", "delitos-por-100-mil");
        assertThat(goals).allSatisfy(g -> assertThat(g.illustrative()).isTrue());
        Measure tasa = goals.get(2).measure("tasa").orElseThrow();
        assertThat(tasa.rate()).isEqualTo(new Rate("delitos", "poblacion", 100000));
        assertThat(tasa.by()).isEqualTo("spatial");
        Target t = goals.get(1).measures().get(0).target();
        assertThat(t.change()).isEqualTo(-10.0);
        assertThat(t.baseline()).isEqualTo("2010");
        assertThat(t.tolerance()).isEqualTo(new Tolerance(5, true));
        List<Goal> bench = GoalFiles.read(PerformancePortal.GOALS.resolve("bench"), p);
        assertThat(p).isEmpty();
        assertThat(bench).extracting(Goal::id).containsExactly("victimas-por-100-mil");
    }
}
