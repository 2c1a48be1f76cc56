package mx.zocalo.converter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mx.zocalo.converter.ConversionException;
import mx.zocalo.converter.bench.ConvertBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: measurements of the converter. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure speed: conversion (bench convert), and with the portal the catalog (bench catalog) and resource pages (bench pages).",
        subcommands = BenchCommand.Convert.class)
public final class BenchCommand implements Callable<Integer> {
    /** The default input, relative to the repository root ({@code ZOCALO_HOME}). */
    public static final String DEFAULT_INPUT = "../shared/data/bench/db_victimas_delitos_ent_long.csv.gz";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code bench convert}: the engine against a hand-written converter of the same triples. */
    @Command(
            name = "convert",
            mixinStandardHelpOptions = true,
            description = {
                "Measure conversion speed: convert a table of victims of crime (SESNSP) with the RML engine (mapping zocalo/bench/victimas.rml.ttl, "
                        + "ten triples per row) and with a hand-written baseline (Commons CSV, N-Triples by string building), "
                        + "both to a discarding stream, after a warm-up pass of each; prints rows, triples, seconds, rows/s, "
                        + "triples/s and the ratio engine/baseline.",
                "Default input: $ZOCALO_HOME/" + DEFAULT_INPUT + " (ZOCALO_HOME defaults to the working directory)."
            })
    static final class Convert implements Callable<Integer> {
        @Option(names = "--file", paramLabel = "FILE", description = "Input CSV or .csv.gz with the columns of the default input.")
        Path file;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "0", description = "Measure only the first N rows (default: all).")
        long rows;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path input = file != null ? file : defaultInput();
            if (!Files.isRegularFile(input)) {
                err.println("error: bench input not found: " + input.toAbsolutePath().normalize()
                        + (file != null ? "" : " (the default input, $ZOCALO_HOME/" + DEFAULT_INPUT + "; give another with --file)"));
                err.flush();
                return 1;
            }
            if (rows < 0) {
                err.println("error: --rows must be positive");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            try {
                out.println("input: " + input.toAbsolutePath().normalize() + " (" + Files.size(input) + " bytes)");
                out.flush();
                ConvertBenchmark.Result result = ConvertBenchmark.run(input, rows, err);
                out.print(ConvertBenchmark.report(result));
                out.flush();
                return 0;
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
            } catch (ConversionException e) {
                err.println("error: " + e.getMessage());
            }
            err.flush();
            return 1;
        }

        private static Path defaultInput() {
            String home = System.getenv("ZOCALO_HOME");
            return Path.of(home == null || home.isBlank() ? "." : home).resolve(DEFAULT_INPUT).normalize();
        }
    }
}
