package mx.zocalo.server.web;

import io.javalin.http.Context;
import mx.zocalo.server.ops.AccessLog;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Request;

/**
 * Leaves the pattern of the route that answered ({@code /dataset/{slug}}) on Jetty's request, where the
 * {@link AccessLog} reads it when the answer is complete: the metrics count requests by pattern, never by raw path.
 */
final class RoutePattern {
    private RoutePattern() {}

    static void remember(Context ctx) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        if (endpoint == null) return;
        ServletContextRequest scr = ServletContextRequest.getServletContextRequest(ctx.req());
        if (scr == null) return;
        Request core = scr;
        core.setAttribute(AccessLog.ROUTE, endpoint.path);
        while (core instanceof Request.Wrapper w) {
            core = w.getWrapped();
            core.setAttribute(AccessLog.ROUTE, endpoint.path);
        }
    }
}
