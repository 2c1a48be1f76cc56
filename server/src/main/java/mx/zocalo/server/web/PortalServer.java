package mx.zocalo.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.search.SearchIndex;
import mx.zocalo.server.store.QuerySlots;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.table.TableService;

/**
 * The portal on one port: Javalin pages and content negotiation, the SPARQL protocol at
 * {@code /sparql} ({@link SparqlService}) and the row API at {@code /api/datasets/...} ({@link RowApi}), over one {@link Store} — embedded TDB2 or a remote SPARQL store, through
 * the same code.
 *
 * <pre>{@code
 * PortalServer server = PortalServer.builder().store(store).iris(new PortalIris("http://localhost:8080/")).port(8080).build().start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class PortalServer {
    /** Memory for rendered pages and descriptions, kept per store version ({@link PageCache}), unless told otherwise. */
    public static final long DEFAULT_PAGE_CACHE_BYTES = 64L << 20;
    /** Connections the kernel queues before the portal accepts them (the listen backlog; Linux caps it at somaxconn). */
    static final int ACCEPT_QUEUE = 1024;
    private final Store store;
    private final PortalIris iris;
    private final int port;
    private final SparqlLimits sparqlLimits;
    private final QuerySlots querySlots;
    private final MapTiles mapTiles;
    private final java.nio.file.Path performanceFolder;
    private final Access access;
    private final mx.zocalo.server.submissions.Submissions submissions;
    private final mx.zocalo.server.accounts.Accounts accounts;
    private final mx.zocalo.server.publish.Upload.Limits uploadLimits;
    private final java.util.function.Function<String, String> organisationNames;
    private final MetricsEndpoint metrics;
    private final String host;
    private final boolean behindProxy;
    private final Duration stopTimeout;
    private final ControlEndpoint control;
    private final mx.zocalo.server.ops.AccessLog accessLog;
    private final SiteIdentity site;
    private final long pageCacheBytes;
    private final long queryCacheCells;
    private final double heapFraction;
    private Javalin app;
    private SparqlService sparqlService;
    /** The guards of the public queries, shared by /sparql, the row API and the tables' pages. */
    private DelayedRefusals refusals;
    private mx.zocalo.server.store.HeapWatchdog heap;

    private PortalServer(Builder b) {
        this.store = b.store;
        this.iris = b.iris;
        this.port = b.port;
        this.sparqlLimits = b.sparqlLimits;
        this.heapFraction = b.heapFraction;
        this.querySlots = b.querySlots;
        this.mapTiles = b.mapTiles;
        this.performanceFolder = b.performanceFolder;
        this.accounts = b.accounts;
        this.access = b.access != null ? b.access
                : b.accounts != null ? new SessionAccess(b.accounts, b.secureCookies) : SessionAccess.anonymous();
        this.submissions = b.submissions != null ? b.submissions
                : mx.zocalo.server.submissions.Submissions.open(b.store, b.iris, b.store.filesDirectory().toAbsolutePath().getParent(),
                        b.submissionLimits);
        this.uploadLimits = b.uploadLimits;
        this.organisationNames = b.organisationNames;
        this.metrics = MetricsEndpoint.parse(b.metrics);
        this.host = b.host;
        this.behindProxy = b.behindProxy;
        this.stopTimeout = b.stopTimeout;
        this.control = new ControlEndpoint(b.controlDir, b.store, b.iris, b.accounts);
        this.accessLog = b.accessLog != null ? b.accessLog : mx.zocalo.server.ops.AccessLog.off();
        this.site = b.site;
        this.pageCacheBytes = b.pageCacheBytes;
        this.queryCacheCells = b.queryCacheCells;
    }

    public static Builder builder() {
        return new Builder();
    }

    public PortalServer start() {
        Templates templates = new Templates(site);
        CatalogService catalog = new CatalogService(store, iris);
        ResourceService resources = new ResourceService(store, iris);
        RdfResponses rdf = new RdfResponses(iris);
        Pages pages = new Pages(store, iris, templates, catalog, resources, rdf);
        Dereference deref = new Dereference(store, iris, templates, resources, rdf);
        Downloads downloads = new Downloads(store, iris, rdf);
        PageCache cache = new PageCache(store, iris, pageCacheBytes);
        SparqlWorkbench workbench = new SparqlWorkbench(store, iris, templates, catalog, rdf, sparqlLimits, () -> cache.version().token());
        QuerySlots slots = querySlots != null ? querySlots
                : new QuerySlots(sparqlLimits.maxConcurrent(), Duration.ofMillis(sparqlLimits.queueWaitMillis()));
        refusals = new DelayedRefusals();
        heap = new mx.zocalo.server.store.HeapWatchdog(heapFraction);
        ClientQueries clients = new ClientQueries(sparqlLimits.perClient(), sparqlLimits.clientSecondsPerMinute(), behindProxy);
        SparqlService sparql = new SparqlService(store, iris, sparqlLimits, slots, workbench, new SparqlErrors(templates, workbench), rdf,
                () -> cache.version().token(), queryCacheCells, heap, refusals, clients);
        sparqlService = sparql;
        TableService tables = TableService.builder(store, iris).timeout(Duration.ofSeconds(sparqlLimits.timeoutSeconds()))
                .maxRows(sparqlLimits.maxRows()).slots(slots).heap(heap).version(() -> cache.version().token()).build();
        Discovery discovery = new Discovery(store, iris, rdf);
        Withdrawals withdrawals = new Withdrawals(store, iris);
        ClassBrowser browser = new ClassBrowser(store, iris, templates, catalog);
        SearchIndex search = SearchIndex.attach(store, iris);
        search.catchUpInBackground(); // serving does not wait: /search answers 503 until a first index exists
        mx.zocalo.server.table.RowIndex.attach(store, iris).catchUpInBackground(); // until then the row API answers by SPARQL
        SearchPages searchPages = new SearchPages(search, iris, templates);
        mx.zocalo.server.performance.PerformanceService performance = mx.zocalo.server.performance.PerformanceService
                .builder(tables, performanceFolder).version(() -> cache.version().token()).build();
        PerformancePages performancePages = new PerformancePages(performance, catalog, templates, iris, store);
        PerformanceApi performanceApi = new PerformanceApi(performance, iris);
        java.util.function.Function<String, String> names = organisationNames != null ? organisationNames
                : accounts != null ? slug -> accounts.users().organisation(slug).map(o -> o.name()).orElse(slug) : slug -> slug;
        pages.organisationNames(names);
        PublishRoutes publishing = new PublishRoutes(store, iris, templates, access, uploadLimits, names, audit());
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            publishing.configure(config);
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.GZIP;
            // one access-log line and one timing per request, Jetty's own refusals included
            config.jetty.modifyServer(server -> {
                server.setRequestLog(accessLog);
                // stop() is graceful: no new requests (503), those running finish within the stop timeout
                server.setStopTimeout(stopTimeout.toMillis());
                server.insertHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
            });
            // a listen queue for floods: at the JDK's default of 50, a flood of new connections filled it and pages were
            // refused at the door (connection reset) before the portal could answer them or refuse the flood with a 503
            config.jetty.addConnector((server, http) -> {
                org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(server,
                        new org.eclipse.jetty.server.HttpConnectionFactory(http));
                c.setHost(host);
                c.setPort(port);
                c.setAcceptQueueSize(ACCEPT_QUEUE);
                return c;
            });
            if (behindProxy) {
                // X-Forwarded-For/-Proto/-Host (and RFC 7239 Forwarded) become the request's client address, scheme and
                // host: throttling, the audit log, secure cookies and the access log see the client, not the proxy
                config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new org.eclipse.jetty.server.ForwardedRequestCustomizer()));
            }
            config.routes.before(ctx -> PageLanguage.offer(ctx, site.languages())); // first: every page's language
            config.routes.before(new BaseCheck(iris)::check);
            config.routes.after(RoutePattern::remember);
            new ErrorPages(templates, withdrawals, rdf).register(config);
            JettyErrors refused = new JettyErrors(templates); // what Jetty refuses before any route: the portal's answer too
            config.jetty.modifyServer(server -> server.setErrorHandler(refused));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(refused));
            // security headers on every response; only /embed/ pages may be framed
            config.routes.before(new Framing(Framing.origins(Framing.origin(mapTiles.url()), site.logoOrigin()))::headers);
            config.routes.before(ctx -> Signed.identify(ctx, access, accounts != null)); // who asks, for pages and the cache
            config.routes.after(Signed::noStore);
            // every IRI of a withdrawn dataset answers 410, whichever handler would have served it
            config.routes.before(ctx -> withdrawals.checkPath(ctx.path()));
            Routes routes = new Routes(config);
            if (accounts != null && access instanceof SessionAccess sessions) {
                new AccountPages(sessions, templates).register(config);
                new AdminPages(sessions, templates).register(config);
            }
            // the organisations of the accounts database; without one, those the catalog names (by slug)
            var organisations = new mx.zocalo.server.catalog.OrganisationCatalog(store, iris);
            new OrganisationPages(accounts != null ? () -> accounts.users().organisations()
                    : () -> organisations.counts().keySet().stream().map(s -> new mx.zocalo.server.accounts.Users.Organisation(s, s, null, null)).toList(),
                    organisations, templates).register(config);
            Health health = new Health(store, search);
            routes.get("/health", health::live);
            routes.get("/health/ready", health::ready);
            routes.get("/metrics", metrics::serve);
            config.routes.post("/-/backup", control::backup);
            config.routes.post("/-/compact", control::compact);
            routes.get("/", cache.wrap(pages::home));
            routes.get("/catalog", cache.wrap(pages::catalog));
            for (String ext : List.of("html", "ttl", "nt", "jsonld", "rdf")) {
                routes.get("/catalog." + ext, cache.wrap(ctx -> pages.catalogByExtension(ctx, ext)));
            }
            routes.get("/dataset/{slug}", cache.wrap(pages::dataset));
            routes.get("/dataset/{slug}/browse", cache.wrap(browser::page));
            Places places = new Places(store, iris, () -> cache.version().token());
            Explorer explorer = new Explorer(tables, catalog, templates, places);
            routes.get("/dataset/{slug}/explore", cache.wrap(explorer::page));
            routes.get("/dataset/{slug}/explore.csv", ctx -> explorer.download(ctx, "csv"));
            routes.get("/dataset/{slug}/explore.json", ctx -> explorer.download(ctx, "json"));
            Charts charts = new Charts(tables, catalog, templates, explorer, iris);
            routes.get("/dataset/{slug}/chart", cache.wrap(charts::page));
            routes.get("/embed/dataset/{slug}/chart", cache.wrap(charts::embed));
            routes.get("/dataset/{slug}/map", cache.wrap(new MapPage(tables, catalog, templates, places, mapTiles)::page));
            routes.get("/api/places/{file}", places::geojson);
            StoryPage story = new StoryPage(tables, catalog, new DatasetViews(store, iris), templates);
            routes.get("/dataset/{slug}/story", cache.wrap(story::page));
            routes.get("/performance", cache.wrap(performancePages::index));
            routes.get("/performance/{goal}", cache.wrap(performancePages::goal));
            routes.get("/embed/performance/{goal}", cache.wrap(performancePages::embed));
            routes.get("/download/{file}", downloads::download);
            routes.get("/download/{slug}/{version}/{file}", new VersionDownloads(store)::download);
            routes.get("/search", searchPages::page);
            routes.get("/api/search", searchPages::api);
            routes.get("/graph/{name}", cache.wrap(deref::graph));
            routes.get("/api/performance", performanceApi::goals);
            routes.get("/api/performance/{goal}", performanceApi::goal);
            sparql.register(config);
            publishing.register(config); // before the row API: POST/PUT/DELETE /api/datasets[/{slug}]
            new RowApi(tables, withdrawals, cache, templates, sparqlLimits, refusals, clients).register(config);
            SubmitPages submit = new SubmitPages(submissions, templates, access);
            routes.get("/submit", submit::form);
            config.routes.post("/submit", submit::submit);
            routes.get("/submit/thanks/{id}", submit::thanks);
            if (accounts != null) submissions.auditTo(accounts.audit());
            ReviewPages review = new ReviewPages(submissions, templates, access,
                    accounts != null ? () -> accounts.users().organisations() : List::of);
            routes.get("/review", review::queue);
            routes.get("/review/{id}", review::submission);
            routes.get("/review/{id}/file", review::file);
            config.routes.post("/review/{id}/accept", review::accept);
            config.routes.post("/review/{id}/reject", review::reject);
            routes.get("/static/{file}", PortalServer::staticFile);
            if (site.logoPath() != null) routes.get(site.logoPath(), site::serveLogo);
            routes.get("/favicon.ico", ctx -> { throw new NotFoundResponse("no icon"); });
            routes.get("/robots.txt", discovery::robots);
            routes.get("/sitemap.xml", discovery::sitemap);
            routes.get("/.well-known/void", discovery::wellKnownVoid);
            if (store instanceof mx.zocalo.server.store.TdbStore tdb && tdb.patchLog().isPresent()) {
                PatchRoutes patches = new PatchRoutes(tdb.patchLog().get()); // a primary's patch log, for its replicas
                routes.get("/patches", patches::latest);
                routes.get("/patches/{n}", patches::patch);
            }
            routes.get("/*", cache.wrap(deref::resource));
        });
        if (host != null) app.start(host, port);
        else app.start(port);
        control.announce(app.port());
        return this;
    }

    /** The Access of this portal (who is signed in, who may do what). */
    public Access access() {
        return access;
    }

    /** The audit log of this portal (one that keeps nothing when it has no accounts database). */
    public mx.zocalo.server.accounts.AuditLog audit() {
        return accounts != null ? accounts.audit() : mx.zocalo.server.accounts.AuditLog.none();
    }

    /** Every route registered, as {@code METHOD path} (e.g. {@code POST /login}), for the authorization matrix test. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    public void stop() {
        control.withdraw();
        if (app != null) app.stop();
        accessLog.close();
        if (sparqlService != null) sparqlService.close();
        if (refusals != null) refusals.close();
        if (heap != null) heap.close();
    }

    private static void staticFile(Context ctx) {
        String name = ctx.pathParam("file");
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) throw new NotFoundResponse("No file " + name);
        InputStream in = PortalServer.class.getClassLoader().getResourceAsStream("zocalo/site/static/" + name);
        if (in == null) throw new NotFoundResponse("No file " + name);
        String type = name.endsWith(".css") ? "text/css; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".txt") ? "text/plain; charset=utf-8"
                : name.endsWith(".svg") ? "image/svg+xml" : name.endsWith(".png") ? "image/png" : "application/octet-stream";
        ctx.contentType(type).header("Cache-Control", "public, max-age=3600");
        try (in) {
            in.transferTo(ctx.outputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers each page for GET and HEAD (same headers and status, no body). */
    private record Routes(io.javalin.config.JavalinConfig config) {
        void get(String path, io.javalin.http.Handler handler) {
            config.routes.get(path, handler);
            config.routes.head(path, handler);
        }
    }

    public static final class Builder {
        private Store store;
        private PortalIris iris;
        private int port = 8080;
        private SparqlLimits sparqlLimits = SparqlLimits.defaults();
        private QuerySlots querySlots;
        private MapTiles mapTiles = MapTiles.NONE;
        private java.nio.file.Path performanceFolder;
        private Access access;
        private mx.zocalo.server.accounts.Accounts accounts;
        private boolean secureCookies;
        private mx.zocalo.server.submissions.Submissions submissions;
        private mx.zocalo.server.submissions.SubmissionLimits submissionLimits = mx.zocalo.server.submissions.SubmissionLimits.defaults();
        private mx.zocalo.server.publish.Upload.Limits uploadLimits = mx.zocalo.server.publish.Upload.Limits.defaults();
        private java.util.function.Function<String, String> organisationNames;
        private String metrics = "local";
        private String host;
        private boolean behindProxy;
        private Duration stopTimeout = Duration.ofSeconds(30);
        private java.nio.file.Path controlDir;
        private mx.zocalo.server.ops.AccessLog accessLog;
        private SiteIdentity site = SiteIdentity.DEFAULT;
        private long pageCacheBytes = DEFAULT_PAGE_CACHE_BYTES;
        private long queryCacheCells = SparqlService.DEFAULT_CACHE_CELLS;
        private double heapFraction = mx.zocalo.server.store.HeapWatchdog.DEFAULT_FRACTION;

        private Builder() {}

        /**
         * The heap in use after a collection, as a part of the most it may grow to, past which the running public
         * queries are stopped ({@code 503 memory}); default {@value mx.zocalo.server.store.HeapWatchdog#DEFAULT_FRACTION}.
         */
        public Builder heapFraction(double fraction) {
            this.heapFraction = fraction; // checked by the watchdog
            return this;
        }

        /** The site's name, logo, contact and languages; default: the portal's own name, both languages. */
        public Builder site(SiteIdentity site) { this.site = Objects.requireNonNull(site); return this; }

        /** The memory for rendered pages ({@link PageCache}); 0 keeps none (validators still answer 304). */
        public Builder pageCacheBytes(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("the page cache is 0 or more bytes: " + bytes);
            this.pageCacheBytes = bytes;
            return this;
        }

        /** The SPARQL answers kept, in cells (rows × variables, or triples × 3); 0 keeps none. */
        public Builder queryCacheCells(long cells) {
            if (cells < 0) throw new IllegalArgumentException("the query cache is 0 or more cells: " + cells);
            this.queryCacheCells = cells;
            return this;
        }

        /**
         * The data directory where the running portal leaves its control token ({@code .control.properties}) for
         * {@code zocalo backup}; without it, {@code POST /-/backup} answers 401 to everyone.
         */
        public Builder control(java.nio.file.Path dataDir) { this.controlDir = dataDir; return this; }

        /** How long {@link #stop} lets running requests (a publish among them) finish before ending them. */
        public Builder stopTimeout(Duration timeout) { this.stopTimeout = Objects.requireNonNull(timeout); return this; }

        /** Trust the {@code X-Forwarded-*} headers of a reverse proxy in front (only then: clients could forge them). */
        public Builder behindProxy(boolean trust) { this.behindProxy = trust; return this; }

        /** The address to listen on ({@code 127.0.0.1} behind a local proxy); default: every address. */
        public Builder host(String address) { this.host = address; return this; }

        /** Who may read {@code /metrics}: {@code off}, {@code local} (the default) or {@code token:SECRET}. */
        public Builder metrics(String access) { MetricsEndpoint.parse(access); this.metrics = access; return this; }

        /** Where each request's line goes (default: nowhere; requests are timed for {@code /metrics} anyway). */
        public Builder accessLog(mx.zocalo.server.ops.AccessLog log) { this.accessLog = Objects.requireNonNull(log); return this; }

        /** Who may do what; default: the sessions and tokens of {@link #accounts}, else everyone anonymous. */
        public Builder access(Access access) { this.access = access; return this; }

        /** The accounts database: sign-in, account and admin pages, sessions and API tokens ({@link SessionAccess}). */
        public Builder accounts(mx.zocalo.server.accounts.Accounts accounts) { this.accounts = accounts; return this; }

        /** Mark cookies {@code Secure} on every request (behind a proxy that ends TLS); default: when the request is https. */
        public Builder secureCookies(boolean secure) { this.secureCookies = secure; return this; }

        /** The limits of uploads to {@code /publish} and {@code /api/datasets} (size, rate, links). */
        public Builder uploadLimits(mx.zocalo.server.publish.Upload.Limits limits) { this.uploadLimits = Objects.requireNonNull(limits); return this; }

        /** The display name of an organisation slug, the publisher of its datasets (default: the accounts' name, else the slug). */
        public Builder organisationNames(java.util.function.Function<String, String> names) { this.organisationNames = Objects.requireNonNull(names); return this; }

        public Builder store(Store store) { this.store = store; return this; }
        public Builder iris(PortalIris iris) { this.iris = iris; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder sparqlLimits(SparqlLimits limits) { this.sparqlLimits = Objects.requireNonNull(limits); return this; }
        /**
         * The slots the SPARQL endpoint and the row API share; default: {@code maxConcurrent} of the SPARQL limits, of
         * this server's own. Give the same slots to servers that share a store.
         */
        public Builder querySlots(QuerySlots slots) { this.querySlots = slots; return this; }

        /** Tiles drawn under maps (an OpenStreetMap URL template and its attribution); default none: boundaries alone. */
        public Builder mapTiles(MapTiles tiles) { this.mapTiles = Objects.requireNonNull(tiles); return this; }

        /** The folder of performance goal files ({@code performance/*.yaml}); default none: no goals. */
        public Builder performance(java.nio.file.Path folder) { this.performanceFolder = folder; return this; }

        /** The citizens' submissions and their review queue; default: those of the store's data directory, default limits. */
        public Builder submissions(mx.zocalo.server.submissions.Submissions submissions) { this.submissions = submissions; return this; }

        /** The limits of the submission form (file size, attempts per address, the challenge's times); default {@code defaults()}. */
        public Builder submissionLimits(mx.zocalo.server.submissions.SubmissionLimits limits) {
            this.submissionLimits = Objects.requireNonNull(limits);
            return this;
        }

        public PortalServer build() {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(iris, "base IRI");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("Port out of range: " + port);
            return new PortalServer(this);
        }
    }
}
