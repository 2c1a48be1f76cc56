package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.Optional;
import mx.zocalo.server.accounts.Action;
import mx.zocalo.server.accounts.Principal;

/**
 * Who a request comes from and whether they may act: the one door every page and API handler that changes something
 * goes through. It reads the session cookie or an {@code Authorization: Bearer} token, answers 401 to an anonymous
 * request and 403 to a signed-in one that {@link mx.zocalo.server.accounts.Authorization} does not allow, and checks
 * the CSRF token of forms sent with a session cookie.
 */
public interface Access {
    /** The signed-in user of this request, if any (a valid, unexpired session or API token). */
    Optional<Principal> who(Context ctx);

    /**
     * The user allowed to do {@code action} (on a dataset of {@code organisation}, for scoped actions); otherwise
     * throws Javalin's {@code UnauthorizedResponse} (anonymous) or {@code ForbiddenResponse} (not allowed). For a
     * request authenticated by its session cookie that changes something (not GET/HEAD) it also verifies the form's CSRF
     * token, answering 403 when it is missing or wrong.
     */
    Principal require(Context ctx, Action action, String organisation);

    /** The CSRF token to put in this request's forms (a hidden {@code csrf} field). */
    String csrfToken(Context ctx);

    /**
     * Refuses (Javalin's {@code ForbiddenResponse}) a request that changes something (not GET/HEAD) without this
     * request's CSRF token in the form field {@code csrf} or the header {@code X-CSRF-Token}: for forms anyone may send
     * (sign-in, a citizen's submission), which {@link #require} does not see.
     */
    default void checkCsrf(Context ctx) {
        if (ctx.method() == io.javalin.http.HandlerType.GET || ctx.method() == io.javalin.http.HandlerType.HEAD) return;
        String sent = ctx.header("X-CSRF-Token");
        if (sent == null) sent = ctx.formParam("csrf");
        if (sent == null || !mx.zocalo.server.accounts.Secrets.same(sent, csrfToken(ctx))) {
            throw new io.javalin.http.ForbiddenResponse("The form's security token (CSRF) is missing or out of date");
        }
    }
}
