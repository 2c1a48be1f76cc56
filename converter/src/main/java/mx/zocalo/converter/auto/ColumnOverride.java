package mx.zocalo.converter.auto;

/**
 * The publisher's correction of one inferred column: the datatype to use instead of the inferred one, and the column's
 * label in Spanish and English (its title in the CSVW metadata, the property's {@code rdfs:label}). Any part may be null:
 * that part stays as inferred.
 */
public record ColumnOverride(ColumnType type, String labelEs, String labelEn) {
    public ColumnOverride {
        labelEs = blankToNull(labelEs);
        labelEn = blankToNull(labelEn);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
