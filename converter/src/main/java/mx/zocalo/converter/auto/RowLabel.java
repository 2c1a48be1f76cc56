package mx.zocalo.converter.auto;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mx.zocalo.converter.source.TableRow;

/**
 * The {@code rdfs:label} the automatic mapping gives each row, in Spanish ({@code @es}): the values of one column that
 * reads as a name ({@code "H. Cámara de Diputados"}), followed, when that column alone repeats, by the values of up to
 * two columns that tell such rows apart ({@code "H. Cámara de Diputados, 2013, Aprobado"}), joined with {@code ", "};
 * a code among them comes after its column's header ({@code "Cuernavaca, ageb 0012, mza 020"}). A row with an empty
 * cell in one of these columns gets no label (as an RML template with a null reference gives no term). When no column
 * reads as a name, the identifier column's value is the label; without one, {@code "Fila 12"@es} and {@code "Row 12"@en}
 * ({@link #byRowNumber()}). Chosen by {@link LabelChoice}.
 *
 * @param parts   the columns, in the order they are written: the name first
 * @param why     a sentence for {@code --explain}: why these columns
 * @param example the label of the first row, or null
 */
public record RowLabel(List<Part> parts, String why, String example) {
    /** The label's language. */
    public static final String LANGUAGE = "es";
    /** What joins the parts. */
    static final String SEPARATOR = ", ";

    /** One column of the label; {@code prefix} ({@code "ageb "}, or empty) comes before its value. */
    public record Part(ColumnProfile column, String prefix) {}

    public RowLabel {
        parts = List.copyOf(parts);
    }

    static RowLabel byRowNumber(String why) {
        return new RowLabel(List.of(), why, "Fila 1");
    }

    /** No column labels the rows: "Fila n"@es and "Row n"@en. */
    public boolean byRowNumber() {
        return parts.isEmpty();
    }

    /** The columns of the label. */
    public List<ColumnProfile> columns() {
        return parts.stream().map(Part::column).toList();
    }

    /** The label of a row as the cells write it, or null when one of its cells is empty. */
    String of(TableRow row) {
        return of(row.values());
    }

    /** The label of a row of these cells, or null when one of its cells is empty. */
    String of(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            int i = p.column().index();
            String v = i < cells.size() ? cells.get(i) : null;
            if (v == null) {
                return null;
            }
            if (b.length() > 0) {
                b.append(SEPARATOR);
            }
            b.append(p.prefix()).append(v);
        }
        return b.toString();
    }

    /**
     * The label as a template: each column's reference as {@code reference} writes it ({@code {ramo}} in CSVW,
     * {@code $(RAMO)} in YAML); {@code rowNumber} stands for the row number in the fallback.
     */
    String template(Function<ColumnProfile, String> reference, String rowNumber) {
        if (byRowNumber()) {
            return "Fila " + rowNumber;
        }
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(p.prefix() + reference.apply(p.column()));
        }
        return String.join(SEPARATOR, out);
    }
}
