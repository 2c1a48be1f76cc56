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
 * that a YAML mapping (a subset of YARRRML) stands for; {@code mapping suggest TABLE} writes the mapping
 * {@code convert --auto} infers, as YAML to edit.
 */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Compile YAML mappings to RML, or suggest a mapping for a table.",
        subcommands = {MappingCommand.Compile.class, MappingCommand.Suggest.class})
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
            description = {"Compile a YAML mapping (YARRRML subset) to the equivalent RML mapping in Turtle.",
                "Source paths stay relative: keep the Turtle beside the YAML file (or give absolute paths). Triples maps "
                        + "are named after the YAML's mappings, <#Name>, relative to the Turtle file (or to the YAML's base)."},
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

    /** {@code mapping suggest TABLE [--base IRI] [--slug S] [-o FILE.yml]}. Exit codes: 0 done, 1 unreadable table or write error, 2 usage. */
    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = {"Suggest a mapping for a table: what convert --auto infers, written as a YAML mapping (YARRRML subset) to edit and "
                    + "use with convert --mapping FILE.yml.",
                "Comments in it say where the YAML form cannot do what --auto does (canonical forms such as 1,234.5 -> 1234.5, "
                    + "missing-value markers, title rows)."},
            footer = {"", "Exit codes: 0 done, 1 the table cannot be read or the file written, 2 usage error."})
    static final class Suggest implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table (CSV, .csv.gz, .xlsx, .xls).")
        Path table;

        @Option(names = {"-b", "--base"}, paramLabel = "IRI", description = "Base IRI written into the mapping (default: none; "
                + "IRIs stay relative and convert --base gives it).")
        String base;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE.yml", description = "File to write (default: standard output).")
        Path output;

        @picocli.CommandLine.Mixin
        TableChoice choice = new TableChoice();

        @Spec
        CommandSpec spec;

        /** Where the YAML goes without --output; replaceable for tests. */
        OutputStream standardOutput = new FileOutputStream(FileDescriptor.out);

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            mx.zocalo.converter.auto.AutoMapping inferred;
            try {
                inferred = mx.zocalo.converter.auto.AutoMapping.infer(table, choice.options(), base, choice.slug, choice.idColumn);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            } catch (ConversionException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            Path folder = (output == null ? Path.of("") : output).toAbsolutePath().getParent();
            if (output == null) {
                folder = Path.of("").toAbsolutePath();
            }
            String source = folder.relativize(table.toAbsolutePath()).toString().replace(java.io.File.separatorChar, '/');
            java.io.StringWriter text = new java.io.StringWriter();
            try {
                inferred.writeYaml(new PrintWriter(text), source);
            } catch (ConversionException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return 1;
            }
            byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                if (output == null) {
                    standardOutput.write(bytes);
                    standardOutput.flush();
                } else {
                    Path target = output.toAbsolutePath();
                    Files.createDirectories(target.getParent());
                    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                    try {
                        Files.write(tmp, bytes);
                        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                    err.println("mapping for " + table.getFileName() + " -> " + output);
                    err.flush();
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
