package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.catalog.PortalIris;
import mx.zocalo.server.ops.Backup;
import mx.zocalo.server.store.Store;

/**
 * What the command line asks of a running portal, since a TDB2 store belongs to one process (as Fuseki's
 * {@code /$/backup}): {@code POST /-/backup} with {@code to=FILE} writes a backup of the data directory while the portal
 * serves, and {@code POST /-/compact} compacts its store. Only from this machine, and only with the control token the portal writes at start into {@code
 * DATA/.control.properties} (port and token, readable by the portal's user alone, removed at stop): whoever can read the
 * data directory may back it up; nobody else, signed in or not (401).
 */
final class ControlEndpoint {
    static final String FILE = ".control.properties";
    private final Path dataDir;
    private final Store store;
    private final PortalIris iris;
    private final Accounts accounts;
    private final byte[] token;

    ControlEndpoint(Path dataDir, Store store, PortalIris iris, Accounts accounts) {
        this.dataDir = dataDir;
        this.store = store;
        this.iris = iris;
        this.accounts = accounts;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = dataDir == null ? null : HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the control file once the port is known. */
    void announce(int port) {
        if (token == null) return;
        Path file = dataDir.resolve(FILE);
        try {
            mx.zocalo.server.store.PrivateFiles.write(file, ("# the running portal, for zocalo backup: removed at stop\nport=" + port + "\ntoken="
                    + new String(token, StandardCharsets.US_ASCII) + "\npid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    void withdraw() {
        if (token == null) return;
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // the next start writes it again
        }
    }

    void backup(Context ctx) throws Exception {
        allowed(ctx, "Backups through the portal need its control token (zocalo backup reads it from the data directory).");
        String to = ctx.formParam("to");
        if (to == null || to.isBlank() || !Path.of(to).isAbsolute()) {
            throw new io.javalin.http.BadRequestResponse("to= must be an absolute file path");
        }
        Backup.Outcome o = Backup.write(store, iris, dataDir, accounts, Path.of(to));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", to);
        body.put("quads", o.quads());
        body.put("graphs", o.graphs());
        body.put("files", o.files());
        body.put("bytes", o.bytes());
        body.put("catalogVersion", o.catalogVersion());
        body.put("millis", o.millis());
        ctx.json(body);
    }

    /** {@code POST /-/compact}: TDB2 compaction of the store while the portal serves ({@code zocalo compact}). */
    void compact(Context ctx) {
        allowed(ctx, "Compaction through the portal needs its control token (zocalo compact reads it from the data directory).");
        if (!(store instanceof mx.zocalo.server.store.TdbStore tdb)) {
            throw new io.javalin.http.BadRequestResponse("The portal's store is remote (--store): compact it where it runs");
        }
        mx.zocalo.server.store.Compaction.Outcome o = mx.zocalo.server.store.Compaction.online(tdb, dataDir);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("before", o.before());
        body.put("after", o.after());
        body.put("freed", o.freed());
        body.put("quads", o.quads());
        body.put("millis", o.millis());
        ctx.json(body);
    }

    private void allowed(Context ctx, String refusal) {
        if (!LocalCaller.local(ctx) || !LocalCaller.bearer(ctx, token)) throw new io.javalin.http.UnauthorizedResponse(refusal);
    }
}
