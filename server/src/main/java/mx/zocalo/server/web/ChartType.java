package mx.zocalo.server.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of chart a view can be drawn as, by the name {@code type=} takes. */
enum ChartType {
    BAR, HBAR, STACKED, LINE, PIE, DONUT, TREEMAP, SCATTER;

    /** Parts a pie or donut shows at most; more are hard to compare, and bars are suggested instead. */
    static final int MAX_SLICES = 7;

    String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> names() {
        return Arrays.stream(values()).map(ChartType::param).toList();
    }

    /** The type {@code name} names ({@code null} when none does). */
    static ChartType of(String name) {
        for (ChartType t : values()) if (t.param().equalsIgnoreCase(name.trim())) return t;
        return null;
    }

    boolean slices() {
        return this == PIE || this == DONUT;
    }
}
