/**
 * Performance dashboards: goals the office declares in {@code performance/*.yaml} (beside {@code mappings/}), each with
 * measures computed per reporting period from published datasets with the row API, statuses against targets, and
 * (published) as RDF Data Cube.
 *
 * <h2>Public API (stable: only added to)</h2>
 *
 * <p>{@link mx.zocalo.server.performance.PerformanceService} is the one entry point:
 * <pre>{@code
 * PerformanceService perf = PerformanceService.builder(tables, Path.of("performance"))   // tables: a TableService
 *         .version(() -> catalogModified())   // optional: recompute when the data version changes
 *         .build();
 * List<GoalResult> all = perf.goals();                      // every goal, values computed (file-name order)
 * Optional<GoalResult> g = perf.goal("delitos-nuevo-leon");  // one goal
 * List<String> categories = perf.categories();              // safety, mobility, ... in order of appearance
 * List<PerformanceProblem> check = perf.check();            // what `zocalo performance check` reports
 * }</pre>
 *
 * <ul>
 * <li>{@link mx.zocalo.server.performance.GoalResult}: {@code goal()} (the declaration), {@code measures()},
 *     {@code datasets()} (slugs of the datasets read), {@code lastUpdated()} (an {@code Instant}: when the values were
 *     computed), {@code problems()}, {@code headline()} (the first measure), {@code status()} (the headline's latest
 *     status).</li>
 * <li>{@link mx.zocalo.server.performance.Goal}: {@code id}, {@code title(lang)}, {@code narrative(lang)},
 *     {@code department}, {@code category}, {@code start}, {@code end}, {@code illustrative} (targets made up for the
 *     demo: pages say so), {@code measures}, {@code file}.</li>
 * <li>{@link mx.zocalo.server.performance.MeasureResult}: {@code measure()} (the declaration:
 *     {@link mx.zocalo.server.performance.Measure} with {@code title(lang)}, {@code unit(lang)}, {@code dataset},
 *     {@code aggregate}, {@code every}, {@code cumulative}, {@code by}, {@code rate}, {@code target}),
 *     {@code series()} (one {@link mx.zocalo.server.performance.Observation} per period, for the whole),
 *     {@code members()} / {@code memberLabels()} / {@code series(memberKey)} (the same per member of the {@code by:}
 *     column, e.g. per state), {@code baselinePeriod()}, {@code baselineValue()}, {@code targetValue()},
 *     {@code latest()} (the latest observation with a value), {@code trend()} (+1, 0, -1), {@code queries()} (the
 *     {@link mx.zocalo.server.performance.MeasureQuery row API parameters, SoQL and SPARQL} whose rows are the numbers:
 *     the row of a period is the one whose {@code period} column is the period, and {@code member} the member),
 *     {@code datasets()}.</li>
 * <li>{@link mx.zocalo.server.performance.Observation}: {@code period()} ({@link mx.zocalo.server.performance.Period}:
 *     {@code label} such as {@code 2014}, {@code 2014-03}, {@code 2014-Q1}, or {@code --03} for a month of a year the
 *     data does not state; {@code start}, {@code end}, both null for the latter), {@code member()} (null for the
 *     whole), {@code value()} (null without data), {@code status()} ({@link mx.zocalo.server.performance.Status}:
 *     {@code ON_TRACK}, {@code NEAR_TARGET}, {@code OFF_TRACK}, {@code NO_DATA}, {@code NO_TARGET}), {@code reason()}
 *     (for {@code NO_DATA}: {@code no-rows}, {@code no-denominator}, {@code zero-denominator}), {@code target()},
 *     {@code low()} / {@code high()} (the tolerance band: for a target below, from the target to target + tolerance;
 *     above, target - tolerance to target; equal, both sides).</li>
 * </ul>
 *
 * <h2>Inside</h2>
 * {@code GoalFiles} / {@code GoalReader} / {@code YamlTree} read the files (every problem with file, line and field);
 * {@code GoalCheck} checks measures against the published tables; {@code RowSeries} runs a measure's row API query and
 * folds its rows into periods; {@code GoalComputer} makes the observations, with {@code TargetRule} for statuses.
 */
package mx.zocalo.server.performance;
