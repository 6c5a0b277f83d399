package dev.lamo.harness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lamo env ...}: tools around a single environment. */
@Command(name = "env", mixinStandardHelpOptions = true, description = "Work with one environment.",
        subcommands = {EnvRolloutCommand.class, EnvFramesCommand.class})
final class EnvCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
