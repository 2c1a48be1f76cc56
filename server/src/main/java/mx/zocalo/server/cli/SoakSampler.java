package mx.zocalo.server.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the soak samples of its own JVM (the portal runs in it) every so often: heap used right after a full GC
 * ({@code System.gc()}, then the memory MXBean), live threads, open file descriptors ({@code /proc/self/fd}) and the
 * resident set ({@code VmRSS}). The soak's own bookkeeping is of constant size, so a growing heap is the portal's.
 */
final class SoakSampler {
    /** One sample, {@code seconds} after the start of the traffic. */
    record Sample(double seconds, double heapMb, int threads, int fds, double rssMb, long requests) {}

    final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());

    Sample sample(double seconds, long requests) {
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        Sample s = new Sample(seconds, heap, threads, openFiles(), rssMb(), requests);
        samples.add(s);
        return s;
    }

    static int openFiles() {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) return -1;
        int n = 0;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(fd)) {
            for (Path ignored : d) n++;
        } catch (IOException e) {
            return -1;
        }
        return n - 1; // the directory stream's own
    }

    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
