package mx.zocalo.server.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.WithdrawnRecord;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;

/**
 * The portal's withdrawn datasets ({@code zocalo unpublish}), read from their records in the catalog graph: which
 * paths belonged to one (the dataset page, its things, its vocabulary, graph and downloads), for the 410 answers, and
 * the description RDF clients get with the 410.
 */
final class Withdrawals {
    /** {@code /dataset/{slug}...}, {@code /id/{slug}/...}, {@code /def/{slug}...}, {@code /graph/{slug}}, {@code /download/{slug}.ext}, {@code /download/{slug}/v{n}/...}. */
    private static final Pattern PATH = Pattern.compile(
            "/(?:dataset/([a-z0-9][a-z0-9-]*)(?:[./#].*)?|id/([a-z0-9][a-z0-9-]*)(?:/.*)?|def/([a-z0-9][a-z0-9-]*)(?:[./#].*)?"
                    + "|graph/([a-z0-9][a-z0-9-]*)(?:\\..*)?|download/([a-z0-9][a-z0-9-]*)[./].*)");

    private static final Pattern RECORD = Pattern.compile("/dataset/[a-z0-9-]+/record(\\.[a-z]+)?");

    private final Store store;
    private final PortalIris iris;

    Withdrawals(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /** The withdrawal of {@code slug}, if it was withdrawn (and not published again). */
    Optional<WithdrawnRecord.Withdrawal> of(String slug, String lang) {
        return store.read(dsg -> WithdrawnRecord.of(dsg.getGraph(iris.catalogGraph()), iris, slug, lang));
    }

    /** Throws {@link Gone} when {@code slug} was withdrawn. */
    void check(String slug, String lang) {
        Optional<WithdrawnRecord.Withdrawal> w = of(slug, lang);
        if (w.isPresent()) throw new Gone(w.get());
    }

    /**
     * Throws {@link Gone} when the local {@code path} belonged to a withdrawn dataset: its page and description, its
     * distributions, its things, its vocabulary, its graph, its downloads. The record ({@code /dataset/{slug}/record})
     * is kept, and is served as any description; so is the portal vocabulary ({@code /def/zocalo}).
     */
    void checkPath(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches() || RECORD.matcher(path).matches() || path.startsWith("/def/zocalo")) return;
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) check(m.group(i), "es");
        }
    }

    /** What an RDF client gets with the 410: the withdrawn record and what it keeps of the dataset. */
    Graph description(String slug) {
        return store.read(dsg -> WithdrawnRecord.description(dsg.getGraph(iris.catalogGraph()), iris, slug));
    }
}
