package mx.zocalo.server.web;

import java.util.List;

/** The client accepts none of the representations a resource has; answered with 406 and the list. */
final class NotAcceptable extends RuntimeException {
    private final List<String> available;

    NotAcceptable(List<String> available) {
        super("Not acceptable; available: " + String.join(", ", available));
        this.available = available;
    }

    List<String> available() {
        return available;
    }
}
