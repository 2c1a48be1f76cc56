package mx.zocalo.server.accounts;

/**
 * Everything that changes the portal, each behind one rule ({@link Authorization}) that every door (the web forms, the
 * API, the command line) asks before acting. Actions on a dataset are scoped to the organisation that owns it.
 */
public enum Action {
    /** Publish a new dataset for an organisation. */
    PUBLISH(true),
    /** Publish a new version of an organisation's dataset. */
    UPDATE(true),
    /** Withdraw an organisation's dataset (410 afterwards). */
    UNPUBLISH(true),
    /** See the review queue, accept or reject a citizen's submission. */
    REVIEW(false),
    /** Add users, change roles, add organisations. */
    MANAGE_USERS(false),
    /** Read the audit log. */
    READ_AUDIT(false),
    /** Create and revoke one's own API tokens, sign out everywhere. */
    OWN_ACCOUNT(false);

    private final boolean scoped;

    Action(boolean scoped) {
        this.scoped = scoped;
    }

    /** Whether the action is on an organisation's dataset (the rule then needs the organisation). */
    public boolean scoped() {
        return scoped;
    }
}
