package mx.zocalo.server.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold a secret (a key, a token): readable and writable by their owner alone, and written whole — made
 * under a temporary name beside the file, with those permissions from the start, then moved into place atomically, so
 * no reader sees half a file and nobody else can open it even for a moment.
 */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** Writes {@code content} as {@code file}, replacing what is there. */
    public static void write(Path file, byte[] content) throws IOException {
        Files.move(staged(file, content), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes {@code content} as {@code file} unless it exists: of two processes making it at once, the first keeps its
     * content, so read the file afterwards.
     */
    public static void writeIfAbsent(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file)) return;
        Path tmp = staged(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path staged(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions protect it
        }
        Files.write(tmp, content);
        return tmp;
    }
}
