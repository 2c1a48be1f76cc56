package mx.zocalo.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import mx.zocalo.converter.Conversion;
import mx.zocalo.converter.ProgressListener;
import mx.zocalo.converter.TestData;
import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final StringWriter out = new StringWriter();
    private final AtomicLong now = new AtomicLong(1000 * SECOND);

    private ConsoleProgress progress(boolean terminal) {
        return new ConsoleProgress(new PrintWriter(out), terminal, now::get);
    }

    @Test
    void plainLinesEveryFiveSecondsAfterTwo() {
        ConsoleProgress p = progress(false);
        now.addAndGet(SECOND);
        p.progress(1024, 100, 1000);
        assertThat(out.toString()).isEmpty();
        now.addAndGet(3 * SECOND);                       // 4 s in: 10,000 rows, 40% of the file
        p.progress(10_000, 400, 1000);
        now.addAndGet(2 * SECOND);                       // too soon for another line
        p.progress(12_000, 500, 1000);
        now.addAndGet(3 * SECOND);                       // 9 s in
        p.progress(18_000, 900, 1000);
        p.finished(18_000);
        assertThat(out.toString()).isEqualTo(
                "converting: 10,000 rows, 2,500 rows/s, 40% read, about 6 s left" + System.lineSeparator()
                        + "converting: 18,000 rows, 2,000 rows/s, 90% read, about 1 s left" + System.lineSeparator());
    }

    @Test
    void withoutSizeNoTimeLeft() {
        ConsoleProgress p = progress(false);
        now.addAndGet(125 * SECOND);
        p.progress(250_000, -1, -1);
        assertThat(out.toString()).isEqualTo("converting: 250,000 rows, 2,000 rows/s" + System.lineSeparator());
        assertThat(ConsoleProgress.duration(3725)).isEqualTo("1 h 02 min");
        assertThat(ConsoleProgress.duration(125)).isEqualTo("2 min 05 s");
    }

    @Test
    void terminalRewritesOneLine() {
        ConsoleProgress p = progress(true);
        now.addAndGet(3 * SECOND);
        p.progress(3000, -1, -1);
        now.addAndGet(SECOND);
        p.progress(40_000, -1, -1);
        p.finished(40_000);
        String s = out.toString();
        assertThat(s).startsWith("\rconverting: 3,000 rows, 1,000 rows/s")
                .contains("\rconverting: 40,000 rows, 10,000 rows/s")
                .doesNotContain("\n")
                .endsWith("\r");
    }

    @Test
    void conversionCallsTheListener() {
        long[] last = {-1, -1, -1, -2};
        Conversion.builder().mapping(TestData.file("spending.rml.ttl"))
                .base("https://datos.example.mx/")
                .progress(new ProgressListener() {
                    @Override
                    public void progress(long rows, long bytesRead, long bytesTotal) {
                        last[0] = rows;
                        last[1] = bytesRead;
                        last[2] = bytesTotal;
                    }

                    @Override
                    public void finished(long rows) {
                        last[3] = rows;
                    }
                })
                .build().run(StreamRDFLib.sinkNull());
        assertThat(last[0]).isPositive().isEqualTo(last[3]);
        assertThat(last[2]).isPositive();
        assertThat(last[1]).isEqualTo(last[2]);
    }
}
