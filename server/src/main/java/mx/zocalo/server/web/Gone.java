package mx.zocalo.server.web;

import mx.zocalo.server.catalog.WithdrawnRecord;

/** A request for something of a withdrawn dataset: answered with 410 Gone and the withdrawal ({@link ErrorPages}). */
final class Gone extends RuntimeException {
    private final WithdrawnRecord.Withdrawal withdrawal;

    Gone(WithdrawnRecord.Withdrawal withdrawal) {
        super("The dataset '" + withdrawal.slug() + "' was withdrawn" + (withdrawal.when() == null ? "" : " on " + withdrawal.when()));
        this.withdrawal = withdrawal;
    }

    WithdrawnRecord.Withdrawal withdrawal() {
        return withdrawal;
    }
}
