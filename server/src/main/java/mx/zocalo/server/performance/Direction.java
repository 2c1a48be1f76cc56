package mx.zocalo.server.performance;

/** Which side of its target a value should be on: at or above it, at or below it, or equal to it. */
public enum Direction {
    ABOVE, BELOW, EQUAL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
