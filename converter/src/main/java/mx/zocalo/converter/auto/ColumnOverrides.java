package mx.zocalo.converter.auto;

import java.util.List;
import java.util.Map;
import mx.zocalo.converter.ConversionException;

/** Applies a publisher's {@link ColumnOverride}s to the profiled columns of an {@link AutoMapping}. */
final class ColumnOverrides {
    private ColumnOverrides() {}

    /**
     * Gives each corrected column its override (matched by header as written or property name).
     *
     * @throws ConversionException when a corrected column is not in the table, or a value does not fit the chosen type
     */
    static void apply(String file, String description, List<ColumnProfile> columns, List<String> names,
            Map<String, ColumnOverride> overrides) {
        for (Map.Entry<String, ColumnOverride> e : overrides.entrySet()) {
            ColumnProfile c = null;
            for (int i = 0; i < columns.size() && c == null; i++) {
                if (columns.get(i).title().equals(e.getKey()) || names.get(i).equals(e.getKey())) {
                    c = columns.get(i);
                }
            }
            if (c == null) {
                throw new ConversionException(description + ": no column \"" + e.getKey() + "\" to correct; the columns are: "
                        + String.join(", ", columns.stream().map(x -> "\"" + x.title() + "\"").toList()), file, -1, e.getKey(),
                        "automatic mapping", null);
            }
            ColumnType t = e.getValue().type();
            if (t != null && !c.fits(t)) {
                ColumnProfile.Misfit m = c.misfit(t);
                long row = m == null ? -1 : m.row();
                throw new ConversionException(description + ": column \"" + c.title() + "\" cannot be " + t.csvwName()
                        + (m == null ? "" : ": row " + m.row() + " has \"" + m.value() + "\""), file, row, c.title(),
                        "automatic mapping", null);
            }
            c.override(e.getValue());
        }
    }
}
