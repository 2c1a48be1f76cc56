package mx.zocalo.converter.auto;

import org.apache.jena.datatypes.xsd.XSDDatatype;

/** The datatype inferred for a column, with its XSD datatype and its CSVW name. */
public enum ColumnType {
    INTEGER(XSDDatatype.XSDinteger, "integer"),
    DECIMAL(XSDDatatype.XSDdecimal, "decimal"),
    BOOLEAN(XSDDatatype.XSDboolean, "boolean"),
    DATE(XSDDatatype.XSDdate, "date"),
    DATE_TIME(XSDDatatype.XSDdateTime, "dateTime"),
    STRING(XSDDatatype.XSDstring, "string");

    private final XSDDatatype xsd;
    private final String csvw;

    ColumnType(XSDDatatype xsd, String csvw) {
        this.xsd = xsd;
        this.csvw = csvw;
    }

    public XSDDatatype xsd() {
        return xsd;
    }

    /** The XSD datatype's IRI. */
    public String iri() {
        return xsd.getURI();
    }

    /** The type of a CSVW name ({@code integer}, {@code dateTime}…; case ignored), or null for none. */
    public static ColumnType of(String csvwName) {
        for (ColumnType t : values()) {
            if (t.csvw.equalsIgnoreCase(csvwName == null ? "" : csvwName.strip())) {
                return t;
            }
        }
        return null;
    }

    /** The CSVW names of all the types, in order. */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(values()).map(ColumnType::csvwName).toList();
    }

    /** The name CSVW metadata gives the datatype ({@code integer}, {@code dateTime}…). */
    public String csvwName() {
        return csvw;
    }
}
