package mx.zocalo.server.performance;

/** How a measure makes one value of the rows of a period: count them, sum or average a column, or divide two measures. */
public enum Aggregate {
    COUNT, SUM, AVG, RATE;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
