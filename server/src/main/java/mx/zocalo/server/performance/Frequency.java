package mx.zocalo.server.performance;

/** How often a measure gives a value: its reporting period. */
public enum Frequency {
    MONTH, QUARTER, YEAR;

    /** The YAML word ({@code month}, {@code quarter}, {@code year}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
