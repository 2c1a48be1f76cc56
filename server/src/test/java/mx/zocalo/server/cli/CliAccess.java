package mx.zocalo.server.cli;

/** The command line for tests of other packages: runs {@code args} as {@code zocalo} would, without the environment. */
public final class CliAccess {
    private CliAccess() {}

    public static int run(String... args) {
        return ZocaloCommand.run(args, java.util.Map.of());
    }
}
