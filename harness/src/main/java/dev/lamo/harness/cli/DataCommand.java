package dev.lamo.harness.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lamo data ...}: offline datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Offline datasets: inspect, down-sample, generate, convert and check against an environment.",
        subcommands = {DataInfoCommand.class, DataSampleCommand.class, DataGenerateCommand.class,
                DataCheckEnvCommand.class, DataConvertCommand.class, DataFromReplayCommand.class, DataMergeCommand.class})
final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
