package mx.zocalo.server.performance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The status of a value against its target: each direction, the edges of the tolerance, a target from a baseline. */
class TargetRuleTest {
    private static Status s(Direction d, double target, Tolerance tol, double value) {
        return TargetRule.status(d, target, tol, value);
    }

    @Test
    void below_is_on_track_at_or_under_the_target_near_within_the_tolerance_above_it_and_off_beyond() {
        Tolerance five = new Tolerance(5, false);
        assertThat(s(Direction.BELOW, 100, five, 90)).isEqualTo(Status.ON_TRACK);
        assertThat(s(Direction.BELOW, 100, five, 100)).isEqualTo(Status.ON_TRACK);
        assertThat(s(Direction.BELOW, 100, five, 100.5)).isEqualTo(Status.NEAR_TARGET);
        assertThat(s(Direction.BELOW, 100, five, 105)).isEqualTo(Status.NEAR_TARGET); // the edge is inside the band
        assertThat(s(Direction.BELOW, 100, five, 105.01)).isEqualTo(Status.OFF_TRACK);
    }

    @Test
    void above_mirrors_below() {
        Tolerance five = new Tolerance(5, false);
        assertThat(s(Direction.ABOVE, 100, five, 120)).isEqualTo(Status.ON_TRACK);
        assertThat(s(Direction.ABOVE, 100, five, 100)).isEqualTo(Status.ON_TRACK);
        assertThat(s(Direction.ABOVE, 100, five, 95)).isEqualTo(Status.NEAR_TARGET);
        assertThat(s(Direction.ABOVE, 100, five, 94.99)).isEqualTo(Status.OFF_TRACK);
    }

    @Test
    void equal_is_on_track_only_at_the_target_and_near_within_the_tolerance_on_either_side() {
        Tolerance two = new Tolerance(2, false);
        assertThat(s(Direction.EQUAL, 50, two, 50)).isEqualTo(Status.ON_TRACK);
        assertThat(s(Direction.EQUAL, 50, two, 48)).isEqualTo(Status.NEAR_TARGET);
        assertThat(s(Direction.EQUAL, 50, two, 52)).isEqualTo(Status.NEAR_TARGET);
        assertThat(s(Direction.EQUAL, 50, two, 52.1)).isEqualTo(Status.OFF_TRACK);
        assertThat(s(Direction.EQUAL, 50, Tolerance.NONE, 50.1)).isEqualTo(Status.OFF_TRACK);
    }

    @Test
    void a_percentage_tolerance_is_of_the_target() {
        Tolerance tenPercent = new Tolerance(10, true);
        assertThat(tenPercent.of(60)).isEqualTo(6.0);
        assertThat(s(Direction.BELOW, 60, tenPercent, 66)).isEqualTo(Status.NEAR_TARGET);
        assertThat(s(Direction.BELOW, 60, tenPercent, 66.1)).isEqualTo(Status.OFF_TRACK);
        assertThat(TargetRule.band(Direction.BELOW, 60, tenPercent)).containsExactly(60, 66);
        assertThat(TargetRule.band(Direction.ABOVE, 60, tenPercent)).containsExactly(54, 60);
        assertThat(TargetRule.band(Direction.EQUAL, 60, tenPercent)).containsExactly(54, 66);
    }

    @Test
    void a_change_from_the_baseline_gives_the_target_value() {
        Target t = new Target(Direction.BELOW, null, -10.0, "2014", java.time.LocalDate.of(2018, 12, 31), Tolerance.NONE);
        assertThat(t.resolve(200.0)).isEqualTo(180.0);
        assertThat(t.resolve(null)).isNull(); // no baseline value yet: no target yet
        Target fixed = new Target(Direction.ABOVE, 7.0, null, null, java.time.LocalDate.of(2018, 12, 31), Tolerance.NONE);
        assertThat(fixed.resolve(null)).isEqualTo(7.0);
    }

    @Test
    void periods_parse_and_follow_each_other() {
        assertThat(Period.parse("2014").next()).isEqualTo(Period.year(2015));
        assertThat(Period.parse("2014-12").next().label()).isEqualTo("2015-01");
        assertThat(Period.parse("2014-Q4").next().label()).isEqualTo("2015-Q1");
        assertThat(Period.parse("2014-Q2").end()).isEqualTo(java.time.LocalDate.of(2014, 6, 30));
        assertThat(Period.parse("--03").dated()).isFalse();
        assertThat(Period.parse("2014-13")).isNull();
        assertThat(Period.of(java.time.LocalDate.of(2014, 8, 9), Frequency.QUARTER).label()).isEqualTo("2014-Q3");
    }
}
