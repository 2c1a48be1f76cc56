package mx.zocalo.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path folder;

    @Test
    void line_breaks_in_names_cannot_add_headers() {
        Outbox o = new Outbox(folder, "no-reply@datos.example.mx");
        String name = o.write("20261204-ABCDEF", "Eve\r\nBcc: everyone@example.com", "eve@example.com\r\nBcc: x@example.com",
                "Asunto\nBcc: y@example.com", "Línea uno\nLínea dos");
        String m = o.read(name);
        String headers = m.substring(0, m.indexOf("\r\n\r\n"));
        assertThat(headers.lines().filter(l -> l.startsWith("Bcc:"))).isEmpty();
        assertThat(headers).contains("To: \"Eve Bcc: everyone@example.com\" <eve@example.comBcc:x@example.com>");
        String body = new String(Base64.getMimeDecoder().decode(m.substring(m.indexOf("\r\n\r\n") + 4)), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("Línea uno\r\nLínea dos");
        assertThat(Outbox.mailbox("José Pérez", "jose@example.mx")).isEqualTo("=?UTF-8?B?Sm9zw6kgUMOpcmV6?= <jose@example.mx>");
    }
}
