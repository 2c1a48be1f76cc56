package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.util.List;

/** Applies {@link ContentNegotiation} to a request: adds {@code Vary: Accept}, or throws 406. */
final class Negotiate {
    private Negotiate() {}

    static String type(Context ctx, List<String> offered) {
        ctx.header("Vary", "Accept");
        return ContentNegotiation.choose(ctx.header("Accept"), offered).orElseThrow(() -> new NotAcceptable(offered));
    }
}
