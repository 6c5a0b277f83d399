package dev.lamo.harness.sweep;

import dev.lamo.results.table.TableBuilder;
import java.nio.file.Path;

/** One cell of a sweep: an algorithm trained on a task's dataset at a ratio with a seed, in its own run directory. */
public record SweepCell(String algorithm, SweepConfig.Task task, double ratio, long seed, Path runs) {

    public Path runDir() {
        String data = task.data().getFileName().toString().replaceFirst("\\.(hdf5|h5)$", "");
        return runs.resolve(algorithm + "-" + data + "-r" + TableBuilder.number(ratio) + "-s" + seed);
    }

    public String describe() {
        return algorithm + " " + task.env() + " ratio " + TableBuilder.number(ratio) + " seed " + seed;
    }
}
