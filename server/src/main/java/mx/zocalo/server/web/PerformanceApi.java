package mx.zocalo.server.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.performance.GoalResult;
import mx.zocalo.server.performance.PerformanceJson;
import mx.zocalo.server.performance.PerformanceService;

/**
 * {@code GET /api/performance} (every goal with its headline figure and status) and {@code /api/performance/{goal}}
 * (the goal, each measure's series, targets and queries), as JSON ({@link PerformanceJson}).
 */
final class PerformanceApi {
    private final PerformanceService performance;
    private final PortalIris iris;

    PerformanceApi(PerformanceService performance, PortalIris iris) {
        this.performance = performance;
        this.iris = iris;
    }

    void goals(Context ctx) {
        send(ctx, PerformanceJson.list(performance.goals(), iris).toString());
    }

    void goal(Context ctx) {
        String id = ctx.pathParam("goal");
        GoalResult g = performance.goal(id).orElseThrow(() -> new NotFoundResponse("No goal " + id));
        send(ctx, PerformanceJson.goal(g, iris).toString());
    }

    private static void send(Context ctx, String json) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType("application/json; charset=utf-8").result(json);
    }
}
