package mx.zocalo.server.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.store.DataDirectory;

/**
 * The base IRI a command uses for a data directory. The directory remembers its base ({@link DataDirectory}); a
 * directory made by an earlier version without that file is known by the portal catalog in its store; a new one takes
 * {@code --base}, else the command's default. A {@code --base} that differs from the known one is refused, naming
 * both, unless {@code --rebase} asks to move the data to it.
 *
 * @param iris       the base to use
 * @param rebaseFrom the base the data is to be moved from first ({@code --rebase}), or null
 * @param recorded   whether the directory's file already records {@code iris} (else it is written when the store opens)
 * @param note       what to log when the store opens (how the base was found), or null
 */
record BaseChoice(PortalIris iris, String rebaseFrom, boolean recorded, String note) {

    /**
     * Decides.
     *
     * @param found    the bases of the portal catalogs in the directory's store (asked only when the file is missing)
     * @param given    {@code --base}, or null
     * @param fallback the command's default for a new directory
     */
    static BaseChoice decide(Path dir, Optional<DataDirectory.Recorded> recorded, Supplier<List<String>> found, String given,
                             boolean rebase, String fallback) {
        String wanted = given == null ? null : new PortalIris(given).base();
        if (rebase && wanted == null) {
            throw new IllegalArgumentException("--rebase moves the data of " + dir + " to the base given with --base: add --base NEW-IRI");
        }
        String known;
        String how;
        boolean inFile = recorded.isPresent();
        if (inFile) {
            known = recorded.get().base();
            how = "recorded in " + DataDirectory.file(dir);
        } else {
            List<String> bases = found.get();
            if (bases.isEmpty()) {
                String base = wanted != null ? wanted : new PortalIris(fallback).base();
                return new BaseChoice(new PortalIris(base), null, false,
                        "data directory " + dir + ": base IRI " + base + " recorded in " + DataDirectory.file(dir));
            }
            if (bases.size() > 1) {
                if (wanted != null && bases.contains(wanted)) {
                    return new BaseChoice(new PortalIris(wanted), null, false, "data directory " + dir + " holds catalogs under "
                            + String.join(", ", bases) + "; recorded the one given, " + wanted + ", in " + DataDirectory.file(dir)
                            + " (`zocalo store check` lists what the others left)");
                }
                throw new IllegalArgumentException("The data directory " + dir + " holds portal catalogs under several base IRIs: "
                        + String.join(", ", bases) + ". Say which one it serves with --base (e.g. --base " + bases.get(0)
                        + "); `zocalo store check` then lists what the others left, with the commands that remove it");
            }
            known = bases.get(0);
            how = "found in its catalog";
        }
        String note = inFile ? null : "data directory " + dir + " (made by an earlier version): base IRI " + known
                + " found in its catalog, recorded in " + DataDirectory.file(dir);
        if (wanted == null || wanted.equals(known)) return new BaseChoice(new PortalIris(known), null, inFile, note);
        if (!rebase) {
            throw new IllegalArgumentException("The data directory " + dir + " has the base IRI " + known + " (" + how
                    + "), not " + wanted + ". Leave out --base to use " + known + ", or add --rebase to move everything in it to "
                    + wanted);
        }
        return new BaseChoice(new PortalIris(wanted), known, false, null);
    }
}
