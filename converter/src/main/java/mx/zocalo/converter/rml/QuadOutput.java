package mx.zocalo.converter.rml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import mx.zocalo.converter.AbsoluteIris;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;

/**
 * Where the quads of a run go. The runner maps rows in batches on worker threads: {@link #encode} runs there,
 * once per batch, and may turn the quads into something cheaper to deliver (bytes); {@link #deliver} runs on
 * the calling thread, batch after batch in row order, so a sink that is not thread-safe (a TDB2 write
 * transaction, a writer) sees one thread and the rows in source order.
 */
interface QuadOutput {
    void prefix(String prefix, String iri);

    /** Called on a worker thread with the quads of one batch (the list is the caller's; copy what you keep). */
    Object encode(List<Quad> quads);

    /** Called on the calling thread, in order, with what {@link #encode} returned. */
    void deliver(Object encoded);

    /** Every output refuses a relative IRI (the mapping reader already refuses relative constants, naming the rule). */
    private static void absolute(List<Quad> quads) {
        AbsoluteIris.checkAll(quads);
    }

    /** Quads to a {@link StreamRDF}: default-graph quads as triples, the others as quads. */
    static QuadOutput of(StreamRDF sink) {
        return new QuadOutput() {
            @Override
            public void prefix(String prefix, String iri) {
                sink.prefix(prefix, iri);
            }

            @Override
            public Object encode(List<Quad> quads) {
                absolute(quads);
                return quads.toArray(new Quad[0]);
            }

            @Override
            public void deliver(Object encoded) {
                for (Quad q : (Quad[]) encoded) {
                    if (q.isDefaultGraph()) {
                        sink.triple(q.asTriple());
                    } else {
                        sink.quad(q);
                    }
                }
            }
        };
    }

    /**
     * N-Quads ({@code namedGraphs}) or N-Triples (quads in named graphs written as plain triples) in UTF-8, the
     * lines made on the worker threads.
     */
    static QuadOutput lines(OutputStream out, boolean namedGraphs) {
        ThreadLocal<LineEncoder> encoders = ThreadLocal.withInitial(() -> new LineEncoder(namedGraphs));
        return new QuadOutput() {
            @Override
            public void prefix(String prefix, String iri) {
                // N-Quads and N-Triples have no prefixes
            }

            @Override
            public Object encode(List<Quad> quads) {
                absolute(quads);
                return encoders.get().encode(quads);
            }

            @Override
            public void deliver(Object encoded) {
                try {
                    out.write((byte[]) encoded);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
