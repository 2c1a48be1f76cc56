package mx.zocalo.server.accounts;

/**
 * The one rule of who may do what (CKAN's {@code check_access}): an admin everything; an editor publishes, updates
 * and unpublishes the datasets of their own organisation only; a reviewer reviews submissions; every signed-in user
 * manages their own account; anonymous visitors change nothing (they may submit a table for review, which is not an
 * {@link Action}: it never reaches the catalog by itself).
 */
public final class Authorization {
    private Authorization() {}

    /**
     * Whether {@code who} (null: anonymous) may do {@code action}; {@code organisation} is the slug of the organisation
     * owning the dataset for a {@linkplain Action#scoped() scoped} action (null when it is not known: only an admin may).
     */
    public static boolean allows(Principal who, Action action, String organisation) {
        if (who == null) return false;
        if (who.admin()) return true;
        return switch (action) {
            case PUBLISH, UPDATE, UNPUBLISH -> who.role() == Role.EDITOR && organisation != null && organisation.equals(who.organisation());
            case REVIEW -> who.role() == Role.REVIEWER;
            case OWN_ACCOUNT -> true;
            case MANAGE_USERS, READ_AUDIT -> false;
        };
    }
}
