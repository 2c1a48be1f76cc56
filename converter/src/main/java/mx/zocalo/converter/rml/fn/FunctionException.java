package mx.zocalo.converter.rml.fn;

/** A function could not compute its result from the values it was given (a number that is not a number, ...). */
public final class FunctionException extends RuntimeException {
    private final int parameter;

    public FunctionException(String message) {
        this(message, -1);
    }

    FunctionException(String message, int parameter) {
        super(message);
        this.parameter = parameter;
    }

    /** The position of the parameter whose value was wrong, or -1 when the problem is not one value's. */
    public int parameter() {
        return parameter;
    }
}
