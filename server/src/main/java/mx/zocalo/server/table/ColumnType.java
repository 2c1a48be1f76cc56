package mx.zocalo.server.table;

import java.util.Locale;

/**
 * What a column holds, as the row API names it ({@link #apiName()}): numbers ({@code integer}, {@code decimal}),
 * dates ({@code date}, {@code gYear}, {@code gYearMonth}, {@code dateTime}), {@code boolean}, {@code text}, or
 * {@code link}: IRIs of other resources, shown by their {@code rdfs:label}.
 */
public enum ColumnType {
    INTEGER(Kind.NUMBER, "integer"),
    DECIMAL(Kind.NUMBER, "decimal"),
    DATE(Kind.DATE, "date"),
    GYEAR(Kind.DATE, "gYear"),
    GYEARMONTH(Kind.DATE, "gYearMonth"),
    DATETIME(Kind.DATE, "dateTime"),
    BOOLEAN(Kind.BOOLEAN, "boolean"),
    TEXT(Kind.TEXT, "text"),
    LINK(Kind.LINK, "link");

    /** The family a type belongs to: what it can be compared with. */
    public enum Kind {
        NUMBER, DATE, BOOLEAN, TEXT, LINK;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String apiName;

    ColumnType(Kind kind, String apiName) {
        this.kind = kind;
        this.apiName = apiName;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code integer}, {@code decimal}, {@code date}, {@code gYear}, {@code gYearMonth}, {@code dateTime}, {@code boolean}, {@code text}, {@code link}. */
    public String apiName() {
        return apiName;
    }

    public static ColumnType ofApiName(String name) {
        for (ColumnType t : values()) if (t.apiName.equals(name)) return t;
        throw new IllegalArgumentException("No column type " + name);
    }
}
