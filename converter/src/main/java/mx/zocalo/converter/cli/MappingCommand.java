package mx.zocalo.converter.cli;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.yaml.YarrrmlMapping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapping}: tools for mapping files. {@code mapping compile FILE.yml} prints the RML (Turtle)
 * that a YAML mapping (a subset of YARRRML) stands for.
 */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Tools for mapping files.",
        subcommands = {MappingCommand.Compile.class})
public final class MappingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code mapping compile FILE.yml [--output FILE]}. Exit codes: 0 done, 1 invalid mapping or write error, 2 usage. */
    @Command(name = "compile", mixinStandardHelpOptions = true,
            description = {"Compiles a YAML mapping (YARRRML subset) to the equivalent RML mapping in Turtle.",
                "Source paths stay relative: keep the Turtle beside the YAML file (or give absolute paths)."},
            footer = {"", "Exit codes: 0 done, 1 invalid mapping (file, line and key on standard error), 2 usage error."})
    static final class Compile implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.yml", description = "The YAML mapping.")
        Path mapping;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Turtle file to write (default: standard output).")
        Path output;

        @Spec
        CommandSpec spec;

        /** Where the Turtle goes without --output; replaceable for tests. */
        OutputStream standardOutput = new FileOutputStream(FileDescriptor.out);

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(mapping)) {
                err.println("error: mapping file not found: " + mapping.toAbsolutePath().normalize());
                err.flush();
                return 1;
            }
            if (!YarrrmlMapping.isYaml(mapping)) {
                err.println("error: " + mapping.getFileName() + " is not a YAML mapping (.yml or .yaml)");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            YarrrmlMapping compiled;
            try {
                compiled = YarrrmlMapping.compile(mapping, null);
            } catch (ConversionException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            ByteArrayOutputStream turtle = new ByteArrayOutputStream();
            compiled.writeTurtle(turtle);
            try {
                if (output == null) {
                    OutputStream out = new BufferedOutputStream(standardOutput);
                    turtle.writeTo(out);
                    out.flush();
                } else {
                    Path target = output.toAbsolutePath();
                    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                    try {
                        Files.write(tmp, turtle.toByteArray());
                        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            } catch (IOException e) {
                err.println("error: cannot write " + (output == null ? "the output" : output) + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            return 0;
        }
    }
}
