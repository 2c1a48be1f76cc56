package mx.zocalo.converter.rml;

import java.util.List;
import mx.zocalo.converter.ConversionException;
import org.apache.jena.graph.Node;

/** A term map failed on a row; carries the rule so that the row's error can say where. */
final class RuleFailure extends RuntimeException {
    final String column;
    final String rule;

    RuleFailure(String column, String message, String rule) {
        super(message, null, false, false);
        this.column = column;
        this.rule = rule;
    }

    /** The terms of {@code map} on {@code row}; a value that cannot make one fails with the map's rule. */
    static List<Node> eval(TermGenerator terms, TermMap map, Record row, String base) {
        try {
            return terms.generate(map, row, base);
        } catch (DataException e) {
            throw new RuleFailure(e.column, e.getMessage(), map.rule());
        }
    }

    /** This failure as the error of the record {@code table} is at. */
    ConversionException at(Records table) {
        return at(table, table.number(), table.line());
    }

    /** This failure as the error of record {@code number} of {@code table}, at {@code line} (-1 if none). */
    ConversionException at(Records table, long number, long line) {
        String where = table.description() + ", " + table.where(number, line) + (column == null ? "" : ", column \"" + column + "\"");
        return new ConversionException(where + ": " + getMessage() + " (" + rule + ")", table.description(), number, line,
                column, rule, null);
    }
}
