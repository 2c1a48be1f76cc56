package mx.zocalo.converter.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides how to decode a CSV file. A byte order mark decides first: UTF-8 ({@code EF BB BF}), UTF-16 little endian
 * ({@code FF FE}) or big endian ({@code FE FF}). Without one: UTF-8 when every byte sequence is valid UTF-8, else
 * Windows-1252 (Latin-1 plus the printable characters Excel writes in 0x80–0x9F). Government CSV exported from Excel on
 * Windows is often Latin-1; decoding it as UTF-8 would silently turn every accent into U+FFFD. The whole file is checked
 * (one extra streaming pass), because a first non-ASCII byte can come late.
 *
 * <p>The same pass refuses what is not text: an empty file, a zip archive (an {@code .xlsx} renamed {@code .csv}), and a
 * file with NUL bytes (no CSV in an 8-bit encoding or UTF-8 has them).
 */
final class CsvEncoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvEncoding() {}

    /** What the first bytes say: the charset of a byte order mark, and its length in bytes. */
    record Bom(Charset charset, int length) {}

    static Bom bom(byte[] head, int n) {
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Bom(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        return null;
    }

    /** Not text: the reason, for the message. */
    static final class NotText extends IOException {
        NotText(String message) {
            super(message);
        }
    }

    /**
     * The charset to read the stream with; with {@code given} non-null only the checks run (no UTF-8 pass).
     *
     * @throws NotText when the file is empty or is not text
     */
    static Charset detect(InputStream in, Charset given) throws IOException {
        byte[] chunk = new byte[1 << 16];
        int n = in.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
            throw new NotText("the file is empty");
        }
        if (n >= 4 && chunk[0] == 'P' && chunk[1] == 'K' && chunk[2] == 3 && chunk[3] == 4) {
            throw new NotText("this is a zip archive, not CSV (an Excel .xlsx workbook renamed?)");
        }
        if (n >= 8 && (chunk[0] & 0xFF) == 0xD0 && (chunk[1] & 0xFF) == 0xCF && (chunk[2] & 0xFF) == 0x11 && (chunk[3] & 0xFF) == 0xE0) {
            throw new NotText("this is an OLE2 document, not CSV (an Excel .xls workbook renamed?)");
        }
        Bom bom = bom(chunk, n);
        Charset charset = given != null ? given : bom != null ? bom.charset() : null;
        boolean wide = charset != null && (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32"));
        if (!wide) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    throw new NotText("byte " + (i + 1) + " is NUL: this is a binary file, not CSV text");
                }
            }
        }
        if (charset != null) {
            return charset;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
        while (n > 0) {
            bytes.put(chunk, 0, n).flip();
            CoderResult result = utf8.decode(bytes, chars, false);
            if (result.isError()) {
                return WINDOWS_1252;
            }
            bytes.compact();
            chars.clear();
            n = in.readNBytes(chunk, 0, chunk.length);
        }
        bytes.flip();
        CoderResult end = utf8.decode(bytes, chars, true);
        return end.isError() || utf8.flush(chars).isError() ? WINDOWS_1252 : StandardCharsets.UTF_8;
    }
}
