package mx.zocalo.server.submissions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What kind of table a file is, read from its first bytes and never from its name: an Excel 2007+ workbook (a zip holding
 * {@code xl/workbook.xml}), an Excel 97 workbook (the OLE2 signature), or CSV text (no NUL bytes nor control characters,
 * UTF-8 or Latin-1); and a safe name to keep it under, whatever name it came with.
 */
public final class TableFile {
    /** The kinds of table accepted, each with the extension the converter reads it by. */
    public enum Kind {
        CSV("csv", "text/csv"), XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        XLS("xls", "application/vnd.ms-excel");

        private final String extension;
        private final String mediaType;

        Kind(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final int SNIFF = 64 * 1024;
    private static final int MAX_NAME = 80;

    private TableFile() {}

    /** The kind of {@code file} by its content, or null when it is none of the accepted kinds (an image, a PDF, ...). */
    public static Kind kindOf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        }
        if (head.length == 0) return null;
        if (startsWith(head, OLE2)) return Kind.XLS;
        if (startsWith(head, ZIP)) return workbookZip(file) ? Kind.XLSX : null;
        return csvText(head) ? Kind.CSV : null;
    }

    /** Whether the zip's entry names include the workbook part (entry names only: nothing is inflated). */
    private static boolean workbookZip(Path file) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            int seen = 0;
            for (ZipEntry e = zip.getNextEntry(); e != null && seen < 2000; e = zip.getNextEntry(), seen++) {
                if (e.getName().equals("xl/workbook.xml") || e.getName().equals("xl/workbook.bin")) return true;
            }
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Text a CSV reader can take: no NUL, no control characters but tab, CR, LF and form feed; UTF-8 or else Latin-1. */
    static boolean csvText(byte[] head) {
        int end = head.length;
        for (int i = 0; i < end; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') return false;
            if (b == 0x7F) return false;
        }
        if (utf8(head)) return true;
        // Latin-1 (or Windows-1252) text: the C1 range 0x80-0x9F is rare in text and common in binary files
        int c1 = 0;
        for (byte b : head) {
            int v = b & 0xFF;
            if (v >= 0x80 && v <= 0x9F) c1++;
        }
        return c1 * 20 < head.length;
    }

    private static boolean utf8(byte[] head) {
        // the sniffed window may cut a character in two: allow an incomplete one at the very end
        for (int cut = 0; cut < 4 && cut < head.length; cut++) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (head.length < SNIFF) return false; // the whole file was read: no cut character to excuse
            }
        }
        return false;
    }

    /**
     * A name safe to store the file under: the last segment of what the browser sent (no folders, so no {@code ../}),
     * letters, digits, dot, hyphen and underscore only, no leading dot, at most 80 characters, ending in the extension of
     * its {@code kind} (the converter picks its reader by it).
     */
    public static String safeName(String given, Kind kind) {
        String name = given == null ? "" : given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        name = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : dot == 0 ? "" : name;
        stem = stem.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^[-_.]+|[-_.]+$", "");
        if (stem.isEmpty()) stem = "tabla";
        int room = MAX_NAME - kind.extension().length() - 1;
        if (stem.length() > room) stem = stem.substring(0, room);
        return stem.toLowerCase(Locale.ROOT) + "." + kind.extension();
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
