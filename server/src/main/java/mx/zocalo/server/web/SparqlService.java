package mx.zocalo.server.web;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The SPARQL 1.1 Protocol at {@code /sparql}, served by embedded Fuseki, read-only (no update endpoint).
 * Fuseki's Jetty handler is taken from an unstarted {@link FusekiServer} and put in front of Javalin's:
 * it answers requests for {@code /sparql} that carry a query (GET with {@code query=}, or any POST) and
 * {@code /sparql/*}; everything else — including a browser's plain GET of {@code /sparql}, which gets the
 * query form — falls through to Javalin.
 */
final class SparqlService extends Handler.Wrapper {
    static final String PATH = "/sparql";

    private SparqlService(Handler fuseki) {
        super(fuseki);
    }

    static SparqlService over(DatasetGraph dsg) {
        FusekiServer fuseki = FusekiServer.create().port(0).add(PATH, dsg, false).build();
        Handler handler = fuseki.getJettyServer().getHandler();
        fuseki.getJettyServer().setHandler((Handler) null);
        return new SparqlService(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean endpoint = path.equals(PATH) || path.startsWith(PATH + "/");
        if (!endpoint) return false;
        if (path.equals(PATH) && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            String q = request.getHttpURI().getQuery();
            boolean hasQuery = q != null && (q.startsWith("query=") || q.contains("&query="));
            if (!hasQuery) return false;
        }
        return super.handle(request, response, callback);
    }
}
