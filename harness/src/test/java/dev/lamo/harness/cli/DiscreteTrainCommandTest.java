package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.harness.train.TrainingJob;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lamo train with the offline baselines on a pixel game: bc and cql reach the frame path (whose reader reports the
 * file), the continuous-only baselines are refused, each in one line; the default steps follow the environment.
 */
class DiscreteTrainCommandTest {

    @TempDir
    Path dir;

    private CliRunner train(String algorithm, String... more) {
        String[] base = {"train", "--algo", algorithm, "--env", "breakout", "--out", dir.resolve(algorithm).toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRunner.run(args);
    }

    private static void assertOneLineError(CliRunner r, String fragment) {
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void pixelGamesTrainBcAndCqlFromFramesAndRefuseTheOthers() {
        Path missing = dir.resolve("breakout-missing.hdf5");
        for (String algorithm : new String[] {"bc", "cql"}) {
            assertOneLineError(train(algorithm, "--data", missing.toString()), missing.toString());
            assertOneLineError(train(algorithm), "--algo " + algorithm + " trains offline: --data FILE is required");
        }
        assertOneLineError(train("td3bc", "--data", missing.toString()),
                "'td3bc' has no pixel-game version; breakout trains with one of [cql, bc]");
        assertOneLineError(train("cql", "--data", missing.toString(), "--set", "gamma=2"),
                "gamma must be in [0, 1]");
    }

    @Test
    void defaultStepsFollowTheEnvironment() {
        assertEquals(100_000, TrainingJob.defaultSteps("cql", "breakout"));
        assertEquals(100_000, TrainingJob.defaultSteps("bc", "pong"));
        assertEquals(1_000_000, TrainingJob.defaultSteps("cql", "hopper"));
        assertEquals(300_000, TrainingJob.defaultSteps("sac", "hopper"));
    }
}
