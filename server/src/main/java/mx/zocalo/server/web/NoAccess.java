package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Principal;

/** The door of a portal without accounts: nobody is signed in, so nothing that changes the portal is allowed. */
final class NoAccess implements Access {
    static final NoAccess INSTANCE = new NoAccess();

    private NoAccess() {}

    @Override
    public Optional<Principal> who(Context ctx) {
        return Optional.empty();
    }

    @Override
    public Principal require(Context ctx, Action action, String organisation) {
        throw new UnauthorizedResponse("Sign in to do this");
    }

    @Override
    public String csrfToken(Context ctx) {
        return "";
    }
}
