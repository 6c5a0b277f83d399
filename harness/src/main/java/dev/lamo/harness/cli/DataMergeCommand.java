package dev.lamo.harness.cli;

import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.TrajectoryDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data merge}: the episodes of several datasets in one (D4RL's medium-expert = medium + expert). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Concatenate the episodes of datasets of the same environment into one dataset.")
final class DataMergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "IN", description = "Input datasets.")
    List<Path> inputs;

    @Option(names = "--dataset-id", description = "Dataset id (default: the input ids joined by '+').")
    String datasetId;

    @Option(names = "--out", required = true, description = "Output HDF5 file.")
    Path out;

    @Mixin
    DatasetReadOptions read;

    @Override
    public Integer call() {
        List<TrajectoryDataset> parts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Path p : inputs) {
            TrajectoryDataset d = read.open(p);
            if (!parts.isEmpty() && !java.util.Objects.equals(d.metadata().envId(), parts.get(0).metadata().envId())) {
                throw new BadInputException(p + ": environment " + d.metadata().envId() + " differs from "
                        + inputs.get(0) + "'s " + parts.get(0).metadata().envId());
            }
            parts.add(d);
            ids.add(d.metadata().datasetId());
        }
        DatasetMetadata first = parts.get(0).metadata();
        DatasetMetadata md = DatasetMetadata.of(datasetId != null ? datasetId : String.join("+", ids), "merged", null, null)
                .withEnv(first.envId(), first.envVersion())
                .withBehavior(String.join(" + ", parts.stream().map(d -> String.valueOf(d.metadata().behavior())).toList()),
                        Map.of("parts", ids, "sha256", parts.stream().map(d -> d.metadata().sourceSha256()).toList()), null, null)
                .withSpaces(first.observationSpace(), first.actionSpace());
        TrajectoryDataset merged = TrajectoryDataset.concat(parts, md);
        DatasetWriter.write(merged, out);
        spec.commandLine().getOut().printf("%s: %d episodes, %d transitions -> %s%n", md.datasetId(), merged.episodes(),
                merged.size(), out);
        return 0;
    }
}
