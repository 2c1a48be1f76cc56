package mx.zocalo.server.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patch log of a primary store ({@code DATA/patches/}): every committed write of the store as one RDF Patch
 * (the text format of RDF Delta: {@code TX}, {@code A}/{@code D} quad rows, {@code TC}), numbered 1, 2, 3... in commit
 * order, one file each ({@code 0000000042.rdfp}). Patch 1 is the whole store at the moment the log was started, so a
 * replica starting from nothing applies 1..N and holds the same quads as the primary at version N. Replicas pull the
 * patches over HTTP ({@code GET /patches}, {@code GET /patches/N}) and apply them in order.
 *
 * <p>A write is recorded while it runs (the changes streamed to {@code N.rdfp.tmp}, not held in memory) inside the
 * store's write transaction, which TDB2 gives to one writer at a time, so numbers follow the commit order; the file
 * gets its final name right after the commit. A write that fails leaves no patch; a write that changes nothing leaves
 * none either. A process killed between the commit and the rename loses that one patch for the replicas (the {@code .tmp}
 * is removed at the next start, with a log line): rebuild a replica from patch 1 after such a crash.
 */
public final class PatchLog {
    static final Logger LOG = LoggerFactory.getLogger("zocalo.patches");
    public static final String FOLDER = "patches";
    private static final String SUFFIX = ".rdfp";
    private final Path dir;
    private volatile long latest;

    private PatchLog(Path dir, long latest) {
        this.dir = dir;
        this.latest = latest;
    }

    /** The log in {@code dataDir/patches} if that folder exists (a store once started with the log keeps it). */
    static Optional<PatchLog> find(Path dataDir) {
        Path dir = dataDir.resolve(FOLDER);
        return Files.isDirectory(dir) ? Optional.of(open(dir)) : Optional.empty();
    }

    /** Creates the folder: from now on the store's writes are recorded. */
    static PatchLog create(Path dataDir) {
        try {
            return open(Files.createDirectories(dataDir.resolve(FOLDER)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the patch log in " + dataDir, e);
        }
    }

    private static PatchLog open(Path dir) {
        long latest = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.delete(p);
                    LOG.warn("removed an unfinished patch: {} (a write was stopped; rebuild the replicas from patch 1 if the "
                            + "primary was killed right after a commit)", p);
                } else if (name.endsWith(SUFFIX)) {
                    latest = Math.max(latest, Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the patch log " + dir + ": " + e.getMessage(), e);
        }
        return new PatchLog(dir, latest);
    }

    /** The file that holds the replicas' token, beside the patches. */
    public static final String TOKEN_FILE = "replica-token";

    /**
     * The token a replica must send to read the log ({@code Authorization: Bearer TOKEN}): the patches keep what was
     * published, withdrawn datasets included, so they are not public. Made once (32 random bytes, hexadecimal) in
     * {@code DATA/patches/replica-token}, readable by the portal's user alone, and kept across restarts so that the
     * replicas keep following; delete the file and restart the primary to change it.
     */
    public synchronized String token() {
        Path file = dir.resolve(TOKEN_FILE);
        try {
            String t = Files.isRegularFile(file) ? Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII).trim() : "";
            if (t.isEmpty()) {
                byte[] random = new byte[32];
                new java.security.SecureRandom().nextBytes(random);
                t = java.util.HexFormat.of().formatHex(random);
                PrivateFiles.write(file, (t + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                LOG.info("made the replicas' token in {} (give it to each replica: --primary-token or ZOCALO_PRIMARY_TOKEN)", file);
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the replicas' token " + file, e);
        }
    }

    /** Where the primary keeps its replicas' token in {@code dataDir}. */
    public static Path tokenFile(Path dataDir) {
        return dataDir.resolve(FOLDER).resolve(TOKEN_FILE);
    }

    /** The number of the last patch (0: none yet). */
    public long latest() {
        return latest;
    }

    /** The file of patch {@code n}, if there is one. */
    public Optional<Path> patch(long n) {
        Path p = file(n);
        return n >= 1 && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path file(long n) {
        return dir.resolve(String.format("%010d%s", n, SUFFIX));
    }

    /** Inside a write transaction on {@code dsg}: the first patch, every quad the store holds now (named by the runnable). */
    Runnable snapshotting(DatasetGraph dsg) {
        return record(dsg, d -> {
            RDFChanges m = ((DatasetGraphChanges) d).getMonitor();
            dsg.find().forEachRemaining(q -> m.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
        });
    }

    /**
     * Inside a write transaction on {@code dsg}: runs {@code action} on a view of {@code dsg} that records every change
     * into the next patch. Returns what to run once the transaction has committed (gives the patch its name).
     */
    Runnable record(DatasetGraph dsg, Consumer<DatasetGraph> action) {
        long n = latest + 1;
        Path tmp = dir.resolve(file(n).getFileName() + ".tmp");
        long[] changes = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            RDFChanges writer = RDFPatchOps.textWriter(out);
            RDFChanges counting = new org.apache.jena.rdfpatch.changes.RDFChangesWrapper(writer) {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    changes[0]++;
                    super.add(g, s, p, o);
                }

                @Override
                public void delete(Node g, Node s, Node p, Node o) {
                    changes[0]++;
                    super.delete(g, s, p, o);
                }
            };
            counting.start();
            counting.header("id", org.apache.jena.graph.NodeFactory.createURI("urn:zocalo:patch:" + n));
            counting.txnBegin();
            action.accept(new DatasetGraphChanges(dsg, counting));
            counting.txnCommit();
            counting.finish();
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write patch " + n + " in " + dir, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
        if (changes[0] == 0) {
            deleteQuietly(tmp);
            return () -> {};
        }
        return () -> {
            try {
                Files.move(tmp, file(n), StandardCopyOption.ATOMIC_MOVE);
                latest = n;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot name patch " + n + " in " + dir + " (the write is committed)", e);
            }
        };
    }

    /** After a failed write (the transaction aborted): the patch being written is dropped. */
    void discard() {
        deleteQuietly(dir.resolve(file(latest + 1).getFileName() + ".tmp"));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", p, e.getMessage());
        }
    }
}
