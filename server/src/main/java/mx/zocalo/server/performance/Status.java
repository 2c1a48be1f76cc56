package mx.zocalo.server.performance;

/**
 * The status of one value against its target: {@code ON_TRACK} (on the right side of the target, or equal to it for
 * {@link Direction#EQUAL}), {@code NEAR_TARGET} (on the wrong side but within the tolerance), {@code OFF_TRACK}
 * (beyond the tolerance), {@code NO_DATA} (no value: the observation says why), {@code NO_TARGET} (a value, but the
 * measure has no target to compare it with).
 */
public enum Status {
    ON_TRACK, NEAR_TARGET, OFF_TRACK, NO_DATA, NO_TARGET;

    /** The word used in URIs, JSON and CSS classes: {@code on-track}, {@code near-target}, ... */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
