package mx.zocalo.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.DataDirectory;
import mx.zocalo.server.store.Store;
import mx.zocalo.server.store.TdbStore;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;

/**
 * A whole data directory in one zip file, and back. {@link #write} works while the portal serves: every quad of the
 * store from ONE read transaction ({@code store.nq}), the accounts database by H2's own online {@code BACKUP}
 * ({@code accounts.zip}), the original files, sources, versions and submissions, the settings ({@code
 * zocalo-data.properties}, {@code zocalo.yaml}) and a manifest. The folders are copied after the store's snapshot;
 * if a publish commits meanwhile (the catalog's version moved) the copy is taken again, so that files and store
 * agree. The search and row indexes are left out: a portal rebuilds them from the store.
 *
 * <p>{@link #restore} unpacks into a new, empty directory and loads the quads into a fresh TDB2 store.
 */
public final class Backup {
    /** The folders of the data directory a backup holds, besides the store and the accounts. */
    static final List<String> FOLDERS = List.of("files", "sources", "versions", "submissions");
    static final List<String> FILES = List.of(DataDirectory.FILE, "zocalo.yaml");
    private static final int ATTEMPTS = 3;

    /** What a backup holds: quads and graphs of the store, files copied, and the catalog's version. */
    public record Outcome(long quads, long graphs, long files, String catalogVersion, long bytes, long millis) {}

    private Backup() {}

    /** Writes the backup of {@code dataDir} (its open {@code store}, its {@code accounts} if any) to {@code target}. */
    public static Outcome write(Store store, PortalIris iris, Path dataDir, Accounts accounts, Path target) {
        long t0 = System.nanoTime();
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (target.toAbsolutePath().getParent() != null) Files.createDirectories(target.toAbsolutePath().getParent());
            for (int attempt = 1; ; attempt++) {
                long[] counts = new long[3];
                String version;
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(part))) {
                    version = store.read(dsg -> {
                        try {
                            zip.putNextEntry(new ZipEntry("store.nq"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        StreamRDF out = StreamRDFWriter.getWriterStream(new NoClose(zip), RDFFormat.NQUADS);
                        out.start();
                        dsg.find().forEachRemaining(q -> {
                            out.quad(q);
                            counts[0]++;
                        });
                        out.finish();
                        try {
                            zip.closeEntry();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        counts[1] = org.apache.jena.atlas.iterator.Iter.count(dsg.listGraphNodes());
                        return catalogVersion(dsg, iris);
                    });
                    if (accounts != null) {
                        // beside the backup being written, which is writable: the data directory's parent may not
                        // be (/var/lib under systemd, / in the container image)
                        Path h2 = Files.createTempFile(part.toAbsolutePath().getParent(), ".accounts", ".zip");
                        try {
                            Files.delete(h2);
                            accounts.backupTo(h2);
                            add(zip, "accounts.zip", h2);
                        } finally {
                            Files.deleteIfExists(h2);
                        }
                    }
                    for (String folder : FOLDERS) counts[2] += addTree(zip, dataDir, dataDir.resolve(folder));
                    for (String f : FILES) if (Files.isRegularFile(dataDir.resolve(f))) add(zip, f, dataDir.resolve(f));
                    Properties m = new Properties();
                    m.setProperty("created", Instant.now().toString());
                    m.setProperty("writtenBy", DataDirectory.PORTAL_VERSION);
                    m.setProperty("format", Integer.toString(DataDirectory.FORMAT));
                    m.setProperty("quads", Long.toString(counts[0]));
                    m.setProperty("graphs", Long.toString(counts[1]));
                    m.setProperty("catalogVersion", version == null ? "" : version);
                    m.setProperty("accounts", Boolean.toString(accounts != null));
                    zip.putNextEntry(new ZipEntry("backup.properties"));
                    m.store(new NoClose(zip), "Zócalo backup");
                    zip.closeEntry();
                }
                String now = store.read(dsg -> catalogVersion(dsg, iris));
                if (java.util.Objects.equals(now, version) || attempt == ATTEMPTS) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return new Outcome(counts[0], counts[1], counts[2], version, Files.size(target), (System.nanoTime() - t0) / 1_000_000);
                }
                // a publish committed while the folders were copied: take it again, so that files and store agree
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    /** What {@link #restore} found and loaded. */
    public record Restored(long quads, long graphs, long files, boolean accounts, String createdAt) {}

    /** Unpacks {@code backup} into {@code dataDir}, which must be new or empty, and loads its store. */
    public static Restored restore(Path backup, Path dataDir) {
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> s = Files.list(dataDir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException(dataDir + " is not empty: restore into a new directory, then point the portal at it");
                    }
                }
            }
            Files.createDirectories(dataDir);
            Properties manifest = null;
            long files = 0;
            Path nq = dataDir.resolve(".restore-store.nq");
            Path accountsZip = dataDir.resolve(".restore-accounts.zip");
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    String name = e.getName();
                    Path to = switch (name) {
                        case "store.nq" -> nq;
                        case "accounts.zip" -> accountsZip;
                        default -> dataDir.resolve(name).normalize();
                    };
                    if (!to.startsWith(dataDir)) throw new IllegalArgumentException(backup + ": entry " + name + " points outside the directory");
                    if (name.equals("backup.properties")) {
                        manifest = new Properties();
                        manifest.load(new java.io.InputStreamReader(new NoCloseIn(zip), StandardCharsets.ISO_8859_1));
                        continue;
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                        continue;
                    }
                    Files.createDirectories(to.getParent());
                    Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
                    if (!name.equals("store.nq") && !name.equals("accounts.zip")) files++;
                }
            }
            if (manifest == null || !Files.exists(nq)) throw new IllegalArgumentException(backup + " is not a Zócalo backup (no manifest or store)");
            int format = Integer.parseInt(manifest.getProperty("format", "1"));
            if (format > DataDirectory.FORMAT) {
                throw new IllegalStateException(backup + " was made by a newer Zócalo (" + manifest.getProperty("writtenBy")
                        + ", data format " + format + "); this one reads format " + DataDirectory.FORMAT + " at most");
            }
            long quads;
            try (TdbStore store = TdbStore.open(dataDir); InputStream in = Files.newInputStream(nq)) {
                store.write(dsg -> RDFParser.source(in).lang(Lang.NQUADS).parse(dsg));
                quads = store.read(dsg -> dsg.stream().count());
            }
            Files.delete(nq);
            long expected = Long.parseLong(manifest.getProperty("quads", "-1"));
            if (expected >= 0 && expected != quads) {
                throw new IllegalStateException(backup + ": the manifest says " + expected + " quads, the store holds " + quads);
            }
            boolean accounts = Files.exists(accountsZip);
            if (accounts) {
                Path into = Files.createDirectories(dataDir.resolve("accounts"));
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(accountsZip))) {
                    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                        Path to = into.resolve(e.getName()).normalize();
                        if (!to.startsWith(into) || e.isDirectory()) continue;
                        Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.delete(accountsZip);
            }
            return new Restored(quads, Long.parseLong(manifest.getProperty("graphs", "0")), files, accounts,
                    manifest.getProperty("created"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restore " + backup + " into " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String catalogVersion(org.apache.jena.sparql.core.DatasetGraph dsg, PortalIris iris) {
        var it = dsg.find(iris.catalogGraph(), iris.catalog(), DCTerms.modified.asNode(), Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static long addTree(ZipOutputStream zip, Path root, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        }
        long n = 0;
        for (Path f : files) {
            try {
                add(zip, root.relativize(f).toString().replace('\\', '/'), f);
                n++;
            } catch (java.nio.file.NoSuchFileException e) {
                // a staging file removed meanwhile: the version check above decides whether to copy again
            }
        }
        return n;
    }

    /** The zip entry's stream, which the writers must not close. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static final class NoCloseIn extends java.io.FilterInputStream {
        NoCloseIn(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
