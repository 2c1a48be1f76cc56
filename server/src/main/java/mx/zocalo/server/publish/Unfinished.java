package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mx.zocalo.server.catalog.DatasetDescription;
import mx.zocalo.server.catalog.DescriptionReader;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.catalog.VersionRecord.Version;
import mx.zocalo.server.store.Store;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.DCAT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a publish killed half-way ({@code kill -9}, an out-of-memory kill, a power cut of the machine's process) leaves
 * in the data directory, dealt with when the store is next opened, each with a log line naming it:
 * <ul>
 * <li>{@code files/.{slug}.incoming} of a publish killed BEFORE its write transaction committed: removed (the store
 * still holds the previous version, whose files never moved);</li>
 * <li>the same folder of a publish killed AFTER the commit but before its files were swapped in (its pending history,
 * written just before the commit, names the version the catalog now records): the swap is finished, so files, history
 * and catalog agree on the new version;</li>
 * <li>a pending history left in {@code files/{slug}} (killed between the move of the folder and the history's): the
 * history is written;</li>
 * <li>the folders of a web publish in {@code DATA/sources} ({@code .{slug}.{id}.new}, {@code .{slug}.{id}.old}): the
 * new one moved in when the catalog records its description as published, else removed;</li>
 * <li>temporary files of an interrupted write ({@code versions/{slug}/.history.jsonl.tmp},
 * {@code .zocalo-data*.tmp}): removed.</li>
 * </ul>
 * It runs for an embedded TDB2 store only, whose lock makes the opening process the only one writing there.
 */
public final class Unfinished {
    private static final Logger LOG = LoggerFactory.getLogger("zocalo.store");
    private static final String INCOMING = ".incoming";

    private Unfinished() {}

    /** Finishes or removes what interrupted publishes left in {@code store}'s data directory; what was done, one line each. */
    public static List<String> recover(Store store, PortalIris iris) {
        List<String> done = new ArrayList<>();
        Path files = store.filesDirectory();
        Versions versions = new Versions(store, Versions.DEFAULT_KEEP);
        // first the half-written histories: a swap finished below writes its history again
        for (Path dir : list(Versions.root(store))) {
            Path tmp = dir.resolve("." + Versions.HISTORY + ".tmp");
            if (Files.isDirectory(dir) && Files.exists(tmp)) done.add(remove(tmp, "an unfinished history"));
        }
        for (Path p : list(files)) {
            String name = p.getFileName().toString();
            if (!Files.isDirectory(p)) continue;
            if (name.startsWith(".") && name.endsWith(INCOMING) && name.length() > 1 + INCOMING.length()) {
                String slug = name.substring(1, name.length() - INCOMING.length());
                Optional<List<Version>> pending = Versions.pending(p, slug);
                int n = pending.map(h -> h.get(h.size() - 1).number()).orElse(-1);
                if (pending.isPresent() && committed(store, iris, slug, n)) {
                    versions.swapIn(slug, p, pending.get());
                    done.add(say("finished the publish of " + slug + " version " + n + ", killed after its commit: its files "
                            + p + " moved to " + files.resolve(slug)));
                } else {
                    DatasetPublisher.deleteTree(p);
                    done.add(say("removed an unfinished publish of " + slug + ", killed before its commit: " + p));
                }
            } else if (!name.startsWith(".") && Files.exists(p.resolve(Versions.PENDING))) {
                versions.writeHistory(name);
                done.add(say("finished the publish of " + name + ", killed while its history was written: "
                        + p.resolve(Versions.PENDING) + " moved to " + Versions.root(store).resolve(name).resolve(Versions.HISTORY)));
            }
        }
        Path data = files.getParent();
        webSources(store, iris, data.resolve("sources"), done);
        for (Path p : list(data)) {
            String name = p.getFileName().toString();
            if (name.startsWith(".zocalo-data") && name.endsWith(".tmp")) done.add(remove(p, "an unfinished " + name.substring(1, 12)));
        }
        return done;
    }

    /**
     * The folders of a web publish ({@link WebPublication}) in {@code DATA/sources}: {@code .{slug}.{id}.new} holds the
     * new dataset folder while it is published, then replaces {@code {slug}} (moved aside as {@code .{slug}.{id}.old}).
     * A new folder whose description is the one the catalog records as published ({@code zoc:sourceSha256}) is moved
     * in; any other is removed; an old folder is removed, or moved back when its dataset has no folder.
     */
    private static void webSources(Store store, PortalIris iris, Path sources, List<String> done) {
        for (Path p : list(sources)) {
            String name = p.getFileName().toString();
            if (!name.startsWith(".") || !name.endsWith(".new") || !Files.isDirectory(p)) continue;
            String slug = name.substring(1, name.lastIndexOf('.', name.length() - 5));
            Path current = sources.resolve(slug);
            if (published(store, iris, p)) {
                DatasetPublisher.deleteTree(current);
                move(p, current);
                done.add(say("finished the web publish of " + slug + ", killed after its commit: " + p + " moved to " + current));
            } else {
                DatasetPublisher.deleteTree(p);
                done.add(say("removed an unfinished web publish of " + slug + ": " + p));
            }
        }
        for (Path p : list(sources)) {
            String name = p.getFileName().toString();
            if (!name.startsWith(".") || !name.endsWith(".old") || !Files.isDirectory(p)) continue;
            Path current = sources.resolve(name.substring(1, name.lastIndexOf('.', name.length() - 5)));
            if (Files.exists(current)) {
                DatasetPublisher.deleteTree(p);
                done.add(say("removed the previous folder of a finished web publish: " + p));
            } else {
                move(p, current);
                done.add(say("moved back the folder of an unfinished web publish: " + p + " to " + current));
            }
        }
    }

    /** Whether the description in {@code folder} is the one the catalog records as published (same fingerprint). */
    private static boolean published(Store store, PortalIris iris, Path folder) {
        try {
            DatasetDescription d = DescriptionReader.read(folder);
            String sha = Fingerprint.of(d, iris.base());
            return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.record(d.slug()), iris.term("sourceSha256"),
                    NodeFactory.createLiteralString(sha)));
        } catch (RuntimeException e) {
            return false; // cut short or unreadable: it was never published
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + from + " to " + to, e);
        }
    }

    /** Whether the catalog records version {@code n} of {@code slug} as its current one: the publish committed. */
    static boolean committed(Store store, PortalIris iris, String slug, int n) {
        Node version = NodeFactory.createURI(DCAT.NS + "version");
        Node number = NodeFactory.createLiteralString(Integer.toString(n));
        return store.read(dsg -> dsg.contains(iris.catalogGraph(), iris.dataset(slug), version, number));
    }

    private static String remove(Path p, String what) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + p, e);
        }
        return say("removed " + what + " left by a killed process: " + p);
    }

    private static String say(String line) {
        LOG.info(line);
        return line;
    }

    private static List<Path> list(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
