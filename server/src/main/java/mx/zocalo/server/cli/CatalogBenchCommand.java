package mx.zocalo.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.web.PortalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zocalo bench catalog}: publishes N small generated datasets into a temporary store, serves them on a free
 * port, and times {@code GET /catalog?pageSize=N} in each RDF format (after a warm-up), as a harvester would ask.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Measure how fast a catalog page of N datasets (default 100) is served in Turtle, N-Triples, JSON-LD and RDF/XML.",
            "N generated datasets (four rows each) are published into a temporary TDB2 store first; prints mean, median, "
                    + "95th percentile and slowest response, and the page size in bytes."})
public final class CatalogBenchCommand implements Callable<Integer> {
    @Option(names = "--datasets", defaultValue = "100", paramLabel = "N", description = "Datasets in the catalog and on the page (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--requests", defaultValue = "30", paramLabel = "K", description = "Timed requests per format (default: ${DEFAULT-VALUE}).")
    int requests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BenchPortal bench = new BenchPortal("catalog")) {
            Path mappings = bench.work.resolve("mappings");
            for (int i = 1; i <= datasets; i++) generate(mappings.resolve(String.format(Locale.ROOT, "bench-%04d", i)), i);
            long t0 = System.nanoTime();
            bench.publisher.publishAll(mappings, true);
            out.printf(Locale.ROOT, "published %d datasets in %.1f s%n", datasets, (System.nanoTime() - t0) / 1e9);
            out.flush();
            PortalServer server = bench.start();
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://localhost:" + server.port() + "/catalog?pageSize=" + datasets;
            out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %12s%n", "GET /catalog", "mean ms", "p50 ms", "p95 ms", "max ms", "bytes");
            for (String type : List.of("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", type).build();
                long bytes = 0;
                for (int i = 0; i < 5; i++) bytes = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    ms.add((System.nanoTime() - s) / 1e6);
                    if (r.statusCode() != 200) throw new IOException(type + ": status " + r.statusCode());
                }
                ms.sort(Comparator.naturalOrder());
                out.printf(Locale.ROOT, "%-22s %9.1f %9.1f %9.1f %9.1f %,12d%n", type,
                        ms.stream().mapToDouble(Double::doubleValue).average().orElse(0), ms.get(ms.size() / 2),
                        ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1)), ms.get(ms.size() - 1), bytes);
                out.flush();
            }
        }
        return 0;
    }

    private static void generate(Path folder, int n) throws IOException {
        Files.createDirectories(folder);
        String slug = folder.getFileName().toString();
        Files.writeString(folder.resolve("pagos.csv"), "ID,PROVEEDOR,MONTO\n1,Papelería Núñez,1520.50\n2,Constructora Peña,250000.00\n"
                + "3,Servicios del Norte,8400.00\n4,Papelería Núñez,310.75\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("mapping.rml.ttl"), """
                @prefix rml: <http://w3id.org/rml/> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#Pago> rml:logicalSource [ rml:source "pagos.csv" ; rml:referenceFormulation rml:CSV ] ;
                  rml:subjectMap [ rml:template "id/%s/pago/{ID}" ] ;
                  rml:predicateObjectMap [ rml:predicate rdfs:label ; rml:objectMap [ rml:reference "PROVEEDOR" ] ] ,
                    [ rml:predicate <def/zocalo#monto> ; rml:objectMap [ rml:reference "MONTO" ; rml:datatype xsd:decimal ] ] .
                """.formatted(slug), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("dataset.yaml"), """
                slug: %s
                title: {es: "Pagos de prueba %d", en: "Test payments %d"}
                description: {es: "Cuatro pagos generados para medir el catálogo.", en: "Four payments generated to time the catalog."}
                publisher: {name: "Tesorería de Prueba %d"}
                contact: {name: "Datos Abiertos", email: "datos@example.org"}
                themes: [GOVE, ECON]
                keywords: {es: [pagos, prueba], en: [payments, test]}
                license: "https://creativecommons.org/licenses/by/4.0/"
                source: {file: pagos.csv, mediaType: text/csv}
                mapping: mapping.rml.ttl
                issued: 2024-05-01
                modified: 2024-05-02
                temporal: {start: 2024-01-01, end: 2024-03-31}
                spatial: "http://publications.europa.eu/resource/authority/country/MEX"
                accrualPeriodicity: MONTHLY
                """.formatted(slug, n, n, n % 7), StandardCharsets.UTF_8);
    }
}
