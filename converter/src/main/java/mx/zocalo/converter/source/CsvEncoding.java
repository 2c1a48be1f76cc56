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
 * Decides how to decode a CSV file: UTF-8 when every byte sequence is valid UTF-8, else Windows-1252
 * (Latin-1 plus the printable characters Excel writes in 0x80–0x9F). Government CSV exported from
 * Excel on Windows is often Latin-1; decoding it as UTF-8 would silently turn every accent into U+FFFD.
 * The whole file is checked (one extra streaming pass), because a first non-ASCII byte can come late.
 */
final class CsvEncoding {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvEncoding() {}

    static Charset detect(InputStream in) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[1 << 16];
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
        int n;
        while ((n = in.read(chunk)) != -1) {
            bytes.put(chunk, 0, n).flip();
            CoderResult result = utf8.decode(bytes, chars, false);
            if (result.isError()) {
                return WINDOWS_1252;
            }
            bytes.compact();
            chars.clear();
        }
        bytes.flip();
        CoderResult end = utf8.decode(bytes, chars, true);
        return end.isError() || utf8.flush(chars).isError() ? WINDOWS_1252 : StandardCharsets.UTF_8;
    }
}
