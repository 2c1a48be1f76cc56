package mx.zocalo.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who runs this portal, as its pages show it: the site's name (instead of the messages' {@code site.name} in every
 * title, header, footer and embed), a logo in the header (an image file the portal serves at {@code /logo.EXT}, or the
 * address of one), a contact in the footer (an e-mail address or a web page), and the languages offered (the first is
 * the default). Checked once, at start-up: a bad value stops it with a message naming the option ({@code --logo}) and
 * its key in the configuration file ({@code logo}).
 */
public final class SiteIdentity {
    /** The portal's own name, its messages' languages, no logo, no contact. */
    public static final SiteIdentity DEFAULT = new SiteIdentity(null, null, null, null, null, null, PageLanguage.SUPPORTED);
    /** The largest logo file served (a header image, not a photograph). */
    static final long MAX_LOGO_BYTES = 1L << 20;
    private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "svg", "image/svg+xml", "webp", "image/webp");

    private final String name;
    private final String logoSrc;
    private final byte[] logoBytes;
    private final String logoType;
    private final String contactHref;
    private final String contactText;
    private final List<String> languages;
    private final String logoEtag;

    private SiteIdentity(String name, String logoSrc, byte[] logoBytes, String logoType, String contactHref, String contactText,
            List<String> languages) {
        this.name = name;
        this.logoSrc = logoSrc;
        this.logoBytes = logoBytes;
        this.logoType = logoType;
        this.contactHref = contactHref;
        this.contactText = contactText;
        this.languages = List.copyOf(languages);
        this.logoEtag = logoBytes == null ? null : "\"" + sha256(logoBytes) + "\"";
    }

    /**
     * The identity of {@code --site-name}, {@code --logo}, {@code --contact} and {@code --languages} (each may be null:
     * the default). Throws {@link IllegalArgumentException} naming the option and its key for a blank name, a logo that
     * is not a readable image file nor an http(s) address, a contact that is neither an e-mail address nor an http(s)
     * address, or a language the portal has no messages for.
     */
    public static SiteIdentity of(String name, String logo, String contact, List<String> languages) {
        if (name != null) {
            name = name.strip();
            if (name.isEmpty() || name.length() > 120) {
                throw new IllegalArgumentException("--site-name (key site-name): give the portal's name, 1 to 120 characters");
            }
        }
        String logoSrc = null;
        byte[] logoBytes = null;
        String logoType = null;
        if (logo != null && !logo.isBlank()) {
            logo = logo.strip();
            if (logo.matches("(?i)https?://.*")) {
                logoSrc = httpAddress(logo, "--logo (key logo)");
            } else {
                Path file = Path.of(logo);
                String ext = extension(file);
                logoType = IMAGE_TYPES.get(ext);
                if (logoType == null) {
                    throw new IllegalArgumentException("--logo (key logo): " + logo + " is not an image file the portal serves "
                            + "(.png, .jpg, .gif, .svg or .webp), nor an http(s) address");
                }
                logoBytes = readImage(file, ext, logo);
                logoSrc = "/logo." + ext;
            }
        }
        String contactHref = null;
        String contactText = null;
        if (contact != null && !contact.isBlank()) {
            contact = contact.strip();
            String mail = contact.regionMatches(true, 0, "mailto:", 0, 7) ? contact.substring(7) : contact;
            if (mail.matches("[^@\\s/:<>\"]+@[^@\\s/:<>\"]+\\.[A-Za-z]{2,}")) {
                contactHref = "mailto:" + mail;
                contactText = mail;
            } else if (contact.matches("(?i)https?://.*")) {
                contactHref = httpAddress(contact, "--contact (key contact)");
                contactText = contact.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
            } else {
                throw new IllegalArgumentException("--contact (key contact): '" + contact + "' is neither an e-mail address "
                        + "(datos@example.gob.mx) nor an http(s) address (https://example.gob.mx/contacto)");
            }
        }
        List<String> offered = new ArrayList<>();
        if (languages != null) {
            for (String l : languages) {
                String code = l.strip().toLowerCase(Locale.ROOT);
                if (code.isEmpty()) continue;
                if (!PageLanguage.SUPPORTED.contains(code)) {
                    throw new IllegalArgumentException("--languages (key languages): the portal has no pages in '" + l.strip()
                            + "'; its languages are " + String.join(", ", PageLanguage.SUPPORTED));
                }
                if (!offered.contains(code)) offered.add(code);
            }
        }
        if (offered.isEmpty()) offered.addAll(PageLanguage.SUPPORTED);
        return new SiteIdentity(name, logoSrc, logoBytes, logoType, contactHref, contactText, offered);
    }

    private static String httpAddress(String s, String what) {
        try {
            URI u = new URI(s);
            if (u.getHost() == null) throw new URISyntaxException(s, "no host");
            return u.toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + ": '" + s + "' is not a valid address (" + e.getReason() + ")");
        }
    }

    private static String extension(Path file) {
        String f = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot < 0 ? "" : f.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The logo file's bytes, after checking it is there, small and what its extension says. */
    private static byte[] readImage(Path file, String ext, String given) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--logo (key logo): no file " + file.toAbsolutePath()
                    + " (give an image file or an http(s) address)");
        }
        try {
            if (Files.size(file) > MAX_LOGO_BYTES) {
                throw new IllegalArgumentException("--logo (key logo): " + given + " is larger than "
                        + (MAX_LOGO_BYTES >> 20) + " MB; a header logo is a small image");
            }
            byte[] b = Files.readAllBytes(file);
            if (!looksLike(ext, b)) {
                throw new IllegalArgumentException("--logo (key logo): " + given + " is not a ." + ext + " image");
            }
            return b;
        } catch (IOException e) {
            throw new IllegalArgumentException("--logo (key logo): cannot read " + given + ": " + e.getMessage());
        }
    }

    /** Whether {@code b} starts as an image of type {@code ext} does. */
    static boolean looksLike(String ext, byte[] b) {
        return switch (ext) {
            case "png" -> starts(b, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            case "jpg", "jpeg" -> starts(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "gif" -> starts(b, "GIF8".getBytes(StandardCharsets.US_ASCII));
            case "webp" -> starts(b, "RIFF".getBytes(StandardCharsets.US_ASCII)) && b.length > 12
                    && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
            case "svg" -> new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8).contains("<svg");
            default -> false;
        };
    }

    private static boolean starts(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The site's name, or null for the messages' {@code site.name}. */
    public String name() {
        return name;
    }

    /** The {@code src} of the header's logo ({@code /logo.png}, or the address given), or null for none. */
    public String logoSrc() {
        return logoSrc;
    }

    /** The path the portal serves the logo file at, or null when there is no file (none, or an address elsewhere). */
    String logoPath() {
        return logoBytes != null ? logoSrc : null;
    }

    /** The origin of a logo served elsewhere ({@code https://cdn.example.mx}), for the pages' image policy; else null. */
    String logoOrigin() {
        return logoSrc != null && logoBytes == null ? Framing.origin(logoSrc) : null;
    }

    /** The footer's contact link ({@code mailto:…} or {@code https://…}), or null. */
    public String contactHref() {
        return contactHref;
    }

    /** The footer's contact as shown: the address without {@code mailto:} or the scheme. */
    public String contactText() {
        return contactText;
    }

    /** The languages offered, the default first. */
    public List<String> languages() {
        return languages;
    }

    /** {@code GET /logo.EXT}: the logo file, cached by browsers for a day and revalidated by its ETag. */
    void serveLogo(Context ctx) {
        ctx.header("ETag", logoEtag);
        ctx.header("Cache-Control", "public, max-age=86400");
        String inm = ctx.header("If-None-Match");
        if (inm != null && inm.contains(logoEtag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(logoType).result(logoBytes);
    }
}
