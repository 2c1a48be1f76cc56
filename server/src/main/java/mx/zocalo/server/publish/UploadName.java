package mx.zocalo.server.publish;

import java.text.Normalizer;

/**
 * A client's file name made safe to store: the last path component only (either slash), no control characters, no
 * leading dots (so never {@code .} or {@code ..}), accents folded, anything but {@code [A-Za-z0-9._-]} made {@code _},
 * at most {@value #MAX} characters, and the extension of the detected {@link FileKind}. A name that keeps nothing
 * becomes {@code datos}. The result can never leave the folder it is resolved in.
 */
public final class UploadName {
    /** Longest name kept, extension included. */
    public static final int MAX = 80;

    private UploadName() {}

    public static String sanitise(String clientName, FileKind kind) {
        String name = clientName == null ? "" : clientName;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(cut + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        String stem = b.toString();
        int dot = stem.lastIndexOf('.');
        if (dot >= 0) stem = stem.substring(0, dot); // the extension is the content's, not the client's
        stem = stem.replaceAll("\\.+", ".").replaceAll("_+", "_").replaceAll("^[._-]+|[._-]+$", "");
        String ext = "." + kind.extension();
        if (stem.length() > MAX - ext.length()) stem = stem.substring(0, MAX - ext.length()).replaceAll("[._-]+$", "");
        if (stem.isEmpty()) stem = "datos";
        return stem + ext;
    }
}
