package mx.zocalo.converter;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the files under {@code src/test/resources/data}. */
public final class TestData {
    private TestData() {}

    public static Path file(String name) {
        try {
            return Path.of(TestData.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource data/" + name, e);
        }
    }
}
