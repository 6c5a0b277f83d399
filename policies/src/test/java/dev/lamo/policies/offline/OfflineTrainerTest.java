package dev.lamo.policies.offline;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.envs.data.GenerationPlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CQL, TD3+BC, IQL and BC at a tiny scale on random hopper data: learning, exact resume, identical reloads. */
class OfflineTrainerTest {

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void data() {
        data = dir.resolve("hopper-random.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new GenerationPlan<>("hopper", Behaviors.builtIn("random", "hopper",
                null), 0, 3000, 5, null, 2), n -> { }), data);
    }

    private static List<String> tiny(String algorithm) {
        List<String> sets = new ArrayList<>(List.of("actor_hidden=[32,32]", "batch_size=32", "checkpoint_every=100",
                "log_every=20"));
        if (!algorithm.equals("bc")) {
            sets.add("critic_hidden=[32,32]");
        }
        return sets;
    }

    private static void train(String algorithm, Path run, long steps, long stopAfter, boolean resume, List<String> extra) {
        List<String> sets = new ArrayList<>(tiny(algorithm));
        sets.addAll(extra);
        OfflineTrainer.train(new TrainingRequest(algorithm, null, "hopper", data, 0.5, 1L, null, null, steps, 7, run, resume,
                sets, stopAfter), List.of(), TrainingProgress.NONE);
    }

    /**
     * The quantity each method fits to the data falls: mean of the first two logged values against the last two
     * (CQL's critics with γ = 0, so that their targets are the rewards).
     */
    @ParameterizedTest
    @CsvSource({"bc,actor_loss", "td3bc,bc_loss", "iql,actor_loss", "cql,q1_bellman_loss"})
    void theFittedLossFalls(String algorithm, String key) {
        Path run = dir.resolve("learn-" + algorithm);
        train(algorithm, run, 400, 0, false, algorithm.equals("cql") ? List.of("cql_actions=4", "gamma=0") : List.of());
        List<Double> v = new ArrayList<>();
        for (Map<String, Object> m : MetricsLog.read(run.resolve(RunDirectory.METRICS))) {
            if (m.get(key) instanceof Number n) {
                v.add(n.doubleValue());
            }
        }
        assertEquals(20, v.size(), key + ": " + v);
        double early = (v.get(0) + v.get(1)) / 2;
        double late = (v.get(v.size() - 1) + v.get(v.size() - 2)) / 2;
        assertTrue(late < early, algorithm + " " + key + " should fall: " + v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bc", "td3bc", "iql", "cql"})
    void aResumedRunContinuesExactlyAndReloadsToIdenticalActions(String algorithm) throws Exception {
        List<String> small = algorithm.equals("cql") ? List.of("cql_actions=2") : List.of();
        Path straight = dir.resolve("straight-" + algorithm);
        Path interrupted = dir.resolve("interrupted-" + algorithm);
        train(algorithm, straight, 200, 0, false, small);
        train(algorithm, interrupted, 200, 130, false, small);
        assertEquals(List.of(100L), RunDirectory.open(interrupted).checkpointSteps());
        train(algorithm, interrupted, 200, 0, true, small);
        Path a = straight.resolve("checkpoints/step_200");
        Path b = interrupted.resolve("checkpoints/step_200");
        try (var files = Files.list(a)) {
            for (Path f : files.toList()) {
                if (f.toString().endsWith(".safetensors")) {
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())), f.toString());
                }
            }
        }
        float[][] states = new float[4][11];
        var rng = Seeds.rng(2);
        for (float[] s : states) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) rng.nextGaussian();
            }
        }
        float[] x = new float[12];
        float[] y = new float[12];
        try (Policy p = PolicyLoader.load(PolicyLoader.resolve(straight, null));
             Policy q = PolicyLoader.load(PolicyLoader.resolve(interrupted, null))) {
            p.act(PolicyBatch.ofStates(states, 3), x);
            q.act(PolicyBatch.ofStates(states, 3), y);
        }
        assertArrayEquals(x, y);
        for (float v : x) {
            assertTrue(v >= -1 && v <= 1 && Float.isFinite(v), "actions within hopper's bounds: " + v);
        }
    }
}
