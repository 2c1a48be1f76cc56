package mx.zocalo.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.DCTerms;

/**
 * The views a dataset declares ({@code views:} in its dataset.yaml), as the catalog graph has them
 * ({@code zoc:view}, {@link mx.zocalo.server.catalog.ViewRecord}), for the dataset page and the story page.
 */
final class DatasetViews {
    private final Store store;
    private final PortalIris iris;

    DatasetViews(Store store, PortalIris iris) {
        this.store = store;
        this.iris = iris;
    }

    /**
     * One view, in the reader's language, with the links a page shows: the chart, the explorer view, the row API and
     * the SPARQL workbench (which runs the query when opened).
     */
    record View(String id, String iri, String href, String title, String description, String chart, String explore, String soql,
                String sparql, String story, String chartLink, String exploreLink, String apiLink, String sparqlLink, int order) {}

    /** The views of dataset {@code slug}, in the order its dataset.yaml declares them ({@code zoc:viewOrder}). */
    List<View> of(String slug, String lang) {
        return store.read(dsg -> {
            Graph g = dsg.getGraph(iris.catalogGraph());
            List<View> out = new ArrayList<>();
            g.find(iris.dataset(slug), iris.term("view"), Node.ANY).forEach(t -> out.add(view(g, slug, t.getObject(), lang)));
            // as declared; a view published without its place (before zoc:viewOrder) after them, by identifier
            out.sort(Comparator.comparingInt(View::order).thenComparing(View::id));
            return out;
        });
    }

    /** The view that fills story panel {@code panel} ({@code share}, {@code change}, {@code trend}) of {@code slug}. */
    Optional<View> panel(String slug, String panel, String lang) {
        return of(slug, lang).stream().filter(v -> panel.equals(v.story())).findFirst();
    }

    private View view(Graph g, String slug, Node v, String lang) {
        String id = text(g, v, DCTerms.identifier.asNode(), lang);
        String explore = Optional.ofNullable(text(g, v, iris.term("explorerQuery"), lang)).orElse("");
        String chart = text(g, v, iris.term("chartType"), lang);
        String soql = Optional.ofNullable(text(g, v, iris.term("soqlQuery"), lang)).orElse("");
        String sparql = text(g, v, iris.term("sparqlQuery"), lang);
        String q = explore.isEmpty() ? "" : "?" + explore;
        String local = iris.localPath(v.getURI());
        return new View(id, v.getURI(), local == null ? v.getURI() : Dereference.asciiPath(local), text(g, v, DCTerms.title.asNode(), lang), text(g, v, DCTerms.description.asNode(), lang),
                chart, explore, soql, sparql, text(g, v, iris.term("storyPanel"), lang),
                "/dataset/" + slug + "/chart" + (q.isEmpty() ? "?" : q + "&") + "type=" + chart,
                "/dataset/" + slug + "/explore" + q,
                "/api/datasets/" + slug + "/rows" + (soql.isEmpty() ? "" : "?" + soql),
                sparql == null ? null : "/sparql?query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8), order(g, v));
    }

    private int order(Graph g, Node v) {
        for (var t : g.find(v, iris.term("viewOrder"), Node.ANY).toList()) {
            if (t.getObject().isLiteral() && t.getObject().getLiteralValue() instanceof Number n) return n.intValue();
        }
        return Integer.MAX_VALUE;
    }

    /** The value of {@code p} in {@code lang}, else Spanish, else any. */
    private static String text(Graph g, Node s, Node p, String lang) {
        String any = null;
        String es = null;
        for (var t : g.find(s, p, Node.ANY).toList()) {
            Node o = t.getObject();
            if (!o.isLiteral()) continue;
            String l = o.getLiteralLanguage();
            if (l.equals(lang)) return o.getLiteralLexicalForm();
            if (l.equals("es")) es = o.getLiteralLexicalForm();
            if (any == null) any = o.getLiteralLexicalForm();
        }
        return es != null ? es : any;
    }
}
