package mx.zocalo.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a raw socket: the bytes are sent exactly as given (a malformed request line or header
 * included, which no HTTP client library would send), the output is closed, and the answer is read until the server
 * closes the connection or {@code timeout} passes without a byte (a hang). The answer's head is parsed; a chunked body
 * is joined.
 */
public final class RawHttp {
    /** At most this much of a body is kept (the rest is read and dropped). */
    private static final int MAX_BODY = 4 << 20;

    private RawHttp() {}

    /**
     * What came back: the status (0 when no status line came), the headers (lower-case names), the body, the time
     * taken, and {@code failure} when the exchange did not end cleanly ({@code "timeout"}, or the I/O error).
     */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body, long millis, String failure) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean timedOut() {
            return "timeout".equals(failure);
        }
    }

    public static Answer exchange(String host, int port, byte[] request, int timeoutMillis) {
        long t0 = System.nanoTime();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String failure = null;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            try {
                s.getOutputStream().write(request);
                s.getOutputStream().flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may refuse before reading it all (e.g. a huge header): its answer is still there
            }
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16384];
            long deadline = System.nanoTime() + 4L * timeoutMillis * 1_000_000L;
            for (int n; (n = in.read(buf)) != -1; ) {
                if (raw.size() < MAX_BODY + 65536) raw.write(buf, 0, n);
                if (System.nanoTime() > deadline) {
                    failure = "timeout";
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            failure = "timeout";
        } catch (IOException e) {
            if (raw.size() == 0) failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return parse(raw.toByteArray(), millis, failure);
    }

    static Answer parse(byte[] raw, long millis, String failure) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) return new Answer(0, Map.of(), raw, millis, failure != null ? failure : raw.length == 0 ? "closed without an answer" : "no complete head");
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = 0;
        String[] first = lines[0].split(" ", 3);
        if (first.length >= 2 && first[0].startsWith("HTTP/")) {
            try {
                status = Integer.parseInt(first[1]);
            } catch (NumberFormatException e) {
                status = 0;
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c <= 0) continue;
            headers.computeIfAbsent(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(lines[i].substring(c + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) body = unchunk(body);
        if (body.length > MAX_BODY) body = java.util.Arrays.copyOf(body, MAX_BODY);
        return new Answer(status, headers, body, millis, failure);
    }

    private static byte[] unchunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int eol = indexOf(in, new byte[] {'\r', '\n'}, i);
            if (eol < 0) break;
            String size = new String(in, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (n == 0) break;
            int from = eol + 2;
            int to = Math.min(in.length, from + n);
            out.write(in, from, to - from);
            i = to + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) if (data[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }
}
