package dev.lamo.harness.cli;

import dev.lamo.envs.SimulationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Bad input gets one line naming the file, key or flag, what was expected and what was found, and exit
 * code 2; only an unexpected failure of our own prints a stack trace (exit code 1).
 */
final class CliErrors {

    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;

    private CliErrors() {
    }

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return BAD_INPUT;
    }

    static int onExecutionError(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (isBadInput(e)) {
            err.println(name + ": " + message(e));
            return BAD_INPUT;
        }
        if (e instanceof dev.lamo.policies.run.TrainingDivergedException
                || e instanceof dev.lamo.harness.eval.EvaluationStoppedException
                || e instanceof dev.lamo.harness.cluster.ClusterJoinException) {
            err.println(name + ": " + e.getMessage());
            return INTERNAL;
        }
        err.println(name + ": internal error: " + e);
        e.printStackTrace(err);
        return INTERNAL;
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof BadInputException
                || e instanceof dev.lamo.policies.runtime.gpu.GpuUnavailableException
                || e instanceof SimulationException || e instanceof IOException || e instanceof UncheckedIOException;
    }

    private static String message(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return message(u.getCause());
        }
        if (e instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
