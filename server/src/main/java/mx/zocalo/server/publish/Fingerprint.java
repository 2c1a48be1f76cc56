package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import mx.zocalo.server.catalog.DatasetDescription;

/** SHA-256 over the base IRI and a dataset's description, mapping and data file: unchanged inputs, unchanged fingerprint. */
final class Fingerprint {
    private Fingerprint() {}

    static String of(DatasetDescription d, String base) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            for (Path p : new Path[] {d.file(), d.mapping(), d.source().file()}) {
                if (p == null) {
                    md.update((byte) 1); // no mapping: inferred
                    continue;
                }
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[65536];
                    for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
                }
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
