package dev.lamo.policies.offline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.MetricsLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training steps per second of discrete BC and CQL at their default settings (batch 100 and 32, 512 features) on
 * breakout frames, through the trainer: opt-in, since it measures rather than checks
 * ({@code -Dlamo.bench=true}, torch threads from {@code -Dlamo.threads}, default 1). Prints the median of 10-step
 * windows after the first and the mean losses of the last window.
 */
class DiscreteThroughputTest {

    @TempDir
    Path dir;

    @Test
    void stepsPerSecondAtDefaults() {
        assumeTrue(Boolean.getBoolean("lamo.bench"), "set -Dlamo.bench=true to measure");
        FrameDataset data = DiscreteFixtures.breakout(1000, 400, 0.7, 5);
        for (String algorithm : List.of("bc", "cql")) {
            int steps = Integer.getInteger("lamo.bench.steps", 60);
            Path run = dir.resolve(algorithm);
            OfflineTrainer.train(new OfflineTrainer.Options(algorithm, "breakout", Path.of("memory.hdf5"), null, null,
                    (long) steps, 0, run, false, List.of("log_every=10", "checkpoint_every=100000"), 0), List.of(),
                    TrainingProgress.NONE, DiscreteFixtures.source(data));
            List<Double> rates = new ArrayList<>();
            Map<String, Object> last = null;
            for (Map<String, Object> m : MetricsLog.read(run.resolve(RunDirectory.METRICS))) {
                rates.add(((Number) m.get("steps_per_second")).doubleValue());
                last = m;
            }
            List<Double> warm = new ArrayList<>(rates.subList(1, rates.size()));
            warm.sort(Double::compare);
            System.out.printf("%s breakout, %d torch thread(s): %.2f steps/s (median of %d windows; all %s); last window %s%n",
                    algorithm, DjlRuntime.threads(), warm.get(warm.size() / 2), warm.size(), rates, last);
        }
    }
}
