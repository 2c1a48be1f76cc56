package mx.zocalo.server.performance;

/**
 * The value of a measure for one period (and one member of its {@code by:} column, or the whole when {@code member} is
 * null), with its status against the target. {@code value} is null when {@code status} is {@link Status#NO_DATA}, and
 * {@code reason} then says why: {@code no-rows} (the period has no rows yet), {@code no-denominator} (a rate whose
 * denominator has no rows for the period), {@code zero-denominator}. {@code target}, {@code low} and {@code high} (the
 * tolerance band) are null when the measure has no target (or its baseline has no value yet).
 */
public record Observation(Period period, String member, Double value, Status status, String reason, Double target, Double low,
        Double high) {

    public boolean hasValue() {
        return value != null;
    }
}
