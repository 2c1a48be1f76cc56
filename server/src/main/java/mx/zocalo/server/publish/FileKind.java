package mx.zocalo.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an uploaded file is, from its CONTENT (never its name): an XLS workbook (the OLE2 signature), an XLSX workbook (a
 * zip holding {@code [Content_Types].xml} and {@code xl/workbook.xml}), or a CSV/TSV text (UTF-8, or Latin-1 text with
 * no control characters but tab, CR and LF); anything else is refused.
 */
public enum FileKind {
    CSV("csv", "text/csv"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    XLS("xls", "application/vnd.ms-excel");

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    /** Bytes of a text read to decide it is text. */
    private static final int SNIFF = 64 * 1024;
    /** Zip entries looked at for the OOXML parts before giving up. */
    private static final int MAX_ENTRIES = 2000;

    private final String extension;
    private final String mediaType;

    FileKind(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() { return extension; }
    public String mediaType() { return mediaType; }

    /** The kind of {@code file}, or a 415 {@link UploadProblem} saying what it looks like instead. */
    public static FileKind detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (head.length == 0) throw new UploadProblem(400, "The file is empty.", "file");
        if (startsWith(head, OLE2)) return XLS;
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            if (isWorkbook(file)) return XLSX;
            throw new UploadProblem(415, "The file is a zip archive but not an Excel workbook (.xlsx): upload a CSV, XLSX or XLS table.", "file");
        }
        String binary = looksLike(head);
        if (binary == null && isText(head)) return CSV;
        throw new UploadProblem(415, "The file is not a table the portal reads (" + (binary == null ? "it is binary, not text" : binary)
                + "): upload a CSV or TSV text, or an Excel workbook (.xlsx, .xls).", "file");
    }

    private static boolean isWorkbook(Path file) {
        boolean types = false;
        boolean workbook = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            for (int i = 0; i < MAX_ENTRIES && (e = zip.getNextEntry()) != null; i++) {
                types |= e.getName().equals("[Content_Types].xml");
                workbook |= e.getName().equals("xl/workbook.xml");
                if (types && workbook) return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static boolean isText(byte[] head) {
        int n = head.length;
        // a UTF-8 sequence cut at the end of a full sample is not an error
        int end = n < SNIFF ? n : n - 4;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0C) return false;
            if (b == 0x7F) return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            // Latin-1: every byte is a character; C1 controls (0x80-0x9F) are Windows-1252 letters in practice
            return true;
        }
    }

    private static String looksLike(byte[] head) {
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) return "it is a PNG image";
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) return "it is a JPEG image";
        if (startsWith(head, new byte[] {'%', 'P', 'D', 'F'})) return "it is a PDF document";
        if (startsWith(head, new byte[] {0x1F, (byte) 0x8B})) return "it is a gzip archive";
        if (startsWith(head, new byte[] {'G', 'I', 'F', '8'})) return "it is a GIF image";
        if (startsWith(head, new byte[] {'B', 'Z', 'h'})) return "it is a bzip2 archive";
        if (startsWith(head, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF})) return "it is a 7-zip archive";
        if (startsWith(head, new byte[] {0x7F, 'E', 'L', 'F'})) return "it is a program";
        if (startsWith(head, new byte[] {'M', 'Z'}) && head.length > 64 && !isText(java.util.Arrays.copyOf(head, 64))) return "it is a program";
        return null;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (data[i] != prefix[i]) return false;
        return true;
    }
}
