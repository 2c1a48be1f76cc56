package mx.zocalo.server.performance;

import java.time.LocalDate;

/**
 * The target of a measure: a {@code direction}, a date by which it should be met, and either a fixed {@code value} or a
 * {@code change} in percent from the value of the {@code baseline} period ({@code change: -10%} with
 * {@code baseline: "2014"}: 10 % less than in 2014). {@code tolerance} makes the near-target band. The target applies to
 * every period of the measure (the target line of its chart).
 *
 * @param value    the target value, or null when it follows from baseline and change
 * @param change   percent change from the baseline value (negative: fewer), or null
 * @param baseline the label of the baseline period ({@code 2014}, {@code 2014-03}, {@code 2014-Q1}), or null
 */
public record Target(Direction direction, Double value, Double change, String baseline, LocalDate date, Tolerance tolerance) {
    public Target {
        if (direction == null) throw new IllegalArgumentException("a target needs a direction");
        if (tolerance == null) tolerance = Tolerance.NONE;
        if ((value == null) == (change == null)) throw new IllegalArgumentException("a target needs a value or a change, not both");
        if (change != null && baseline == null) throw new IllegalArgumentException("a change needs a baseline period");
    }

    /** The target value for a measure whose baseline period has value {@code baselineValue} (null: none yet). */
    public Double resolve(Double baselineValue) {
        if (value != null) return value;
        return baselineValue == null ? null : baselineValue * (1 + change / 100.0);
    }
}
