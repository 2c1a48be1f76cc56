package mx.zocalo.converter.rml.fn;

/** A function could not compute its result from the values it was given (a number that is not a number, ...). */
public final class FunctionException extends RuntimeException {
    public FunctionException(String message) {
        super(message);
    }
}
