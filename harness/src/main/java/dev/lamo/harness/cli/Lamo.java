package dev.lamo.harness.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code lamo} command line: one entry point for environments, data, training, evaluation and tables. */
@Command(name = "lamo", mixinStandardHelpOptions = true, versionProvider = LamoVersion.class,
        description = "Offline RL with pre-trained language models (LaMo): environments, datasets, training, "
                + "evaluation and paper tables.",
        subcommands = {EnvsCommand.class, EnvCommand.class, DataCommand.class, LmCommand.class, TrainCommand.class, EvalCommand.class, QuickstartCommand.class, RunCommand.class, TableCommand.class, PlotCommand.class, SweepCommand.class, BenchCommand.class, NodeCommand.class, GpuCommand.class, DashboardCommand.class, WatchCommand.class})
public final class Lamo implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        configureJvm();
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /**
     * DJL reads these as system properties as well as environment variables; without them it contacts a
     * cloud metadata address when the engine starts. They must be set before any DJL class loads.
     */
    static void configureJvm() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // libraries (jHDF, DJL, Vert.x) log through SLF4J: only their warnings reach standard error
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("lamo.log", "warn"));
        // standard output carries results (JSON with --json); logs go to standard error
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // jHDF warns on every write ("writing files is in alpha") and on attribute padding it reads correctly
        System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", System.getProperty("lamo.log", "error"));
    }

    /** Runs a command line with the given streams and returns its exit code (2 for bad input). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Lamo());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(CliErrors::onParameterError);
        commandLine.setExecutionExceptionHandler(CliErrors::onExecutionError);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
