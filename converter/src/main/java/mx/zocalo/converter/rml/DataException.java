package mx.zocalo.converter.rml;

/** A row's values cannot make the term a term map asks for; the runner adds file, row and rule. */
final class DataException extends RuntimeException {
    final String column;

    DataException(String column, String message) {
        super(message);
        this.column = column;
    }
}
