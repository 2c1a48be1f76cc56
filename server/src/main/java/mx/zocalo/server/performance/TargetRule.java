package mx.zocalo.server.performance;

/**
 * The status of a value against a target value: on track on the target's side of it (or at it), near target on the
 * other side within the tolerance (both edges included), off track beyond. For {@link Direction#EQUAL}, on track at the
 * target itself, near target within the tolerance on either side.
 */
final class TargetRule {
    /** Rounding noise of decimal values read as doubles is not a difference. */
    private static final double EPSILON = 1e-9;

    private TargetRule() {}

    static Status status(Direction direction, double target, Tolerance tolerance, double value) {
        double tol = tolerance.of(target);
        double slack = EPSILON * Math.max(1, Math.abs(target));
        double diff = value - target;
        return switch (direction) {
            case BELOW -> diff <= slack ? Status.ON_TRACK : diff <= tol + slack ? Status.NEAR_TARGET : Status.OFF_TRACK;
            case ABOVE -> -diff <= slack ? Status.ON_TRACK : -diff <= tol + slack ? Status.NEAR_TARGET : Status.OFF_TRACK;
            case EQUAL -> Math.abs(diff) <= slack ? Status.ON_TRACK : Math.abs(diff) <= tol + slack ? Status.NEAR_TARGET : Status.OFF_TRACK;
        };
    }

    /** The tolerance band around {@code target}: {low, high}. */
    static double[] band(Direction direction, double target, Tolerance tolerance) {
        double tol = tolerance.of(target);
        return switch (direction) {
            case BELOW -> new double[] {target, target + tol};
            case ABOVE -> new double[] {target - tol, target};
            case EQUAL -> new double[] {target - tol, target + tol};
        };
    }
}
