package mx.zocalo.server.performance;

/**
 * A measure that divides two other measures of the same goal, period by period (and member by member when both have
 * the same {@code by:}), times {@code per}: victims per 100,000 inhabitants is {@code numerator: victimas},
 * {@code denominator: poblacion}, {@code per: 100000}.
 */
public record Rate(String numerator, String denominator, double per) {
    public Rate {
        if (numerator == null || denominator == null) throw new IllegalArgumentException("a rate needs a numerator and a denominator");
        if (!(per > 0)) throw new IllegalArgumentException("per must be > 0");
    }
}
