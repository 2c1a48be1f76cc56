package mx.zocalo.server.performance;

/**
 * How far on the wrong side of its target a value may be and still be near it: an amount in the measure's unit
 * ({@code tolerance: 3}) or a percentage of the target ({@code tolerance: 5%}).
 */
public record Tolerance(double amount, boolean percent) {
    public static final Tolerance NONE = new Tolerance(0, false);

    public Tolerance {
        if (!(amount >= 0) || Double.isInfinite(amount)) throw new IllegalArgumentException("tolerance must be a number >= 0");
    }

    /** The tolerance as an amount in the measure's unit, for target value {@code target}. */
    public double of(double target) {
        return percent ? Math.abs(target) * amount / 100.0 : amount;
    }

    @Override
    public String toString() {
        return percent ? amount + "%" : Double.toString(amount);
    }
}
