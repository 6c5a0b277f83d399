package dev.lamo.policies.sac;

import dev.lamo.policies.run.TrainingRequest;
import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.Seeds;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SAC at a tiny scale: small networks and batches, a few hundred steps. */
class SacTrainerTest {

    private static final List<String> TINY = List.of("hidden_sizes=[32,32]", "batch_size=32", "learning_starts=100",
            "eval_every=150", "eval_episodes=2", "checkpoint_every=150", "log_every=50");

    private static void train(Path dir, long steps, List<String> extra, long stopAfter, boolean resume) {
        List<String> sets = new ArrayList<>(TINY);
        sets.addAll(extra);
        SacTrainer.train(new TrainingRequest("sac", null, "hopper", null, null, null, null, null, steps, 3, dir, resume,
                sets, stopAfter), List.of(),
                TrainingProgress.NONE);
    }

    @Test
    void criticLossFallsWhenTargetsAreRewards(@TempDir Path dir) {
        train(dir, 900, List.of("gamma=0"), 0, false);
        List<Double> losses = new ArrayList<>();
        for (Map<String, Object> m : MetricsLog.read(dir.resolve(RunDirectory.METRICS))) {
            if ("train".equals(m.get("kind")) && m.containsKey("qf_loss")) {
                losses.add(((Number) m.get("qf_loss")).doubleValue());
            }
        }
        assertTrue(losses.size() >= 10, "train lines: " + losses);
        double early = losses.get(0);
        double late = losses.get(losses.size() - 1);
        assertTrue(late < early / 3, "critic loss should fall: first " + early + ", last " + late);
    }

    @Test
    void aResumedRunContinuesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        Path interrupted = dir.resolve("interrupted");
        train(straight, 450, List.of(), 0, false);
        train(interrupted, 450, List.of(), 300, false);
        assertEquals(List.of(150L, 300L), RunDirectory.open(interrupted).checkpointSteps());
        train(interrupted, 450, List.of(), 0, true);
        for (String file : SacNetworks.FILES) {
            Path a = straight.resolve("checkpoints/step_450").resolve(file);
            Path b = interrupted.resolve("checkpoints/step_450").resolve(file);
            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), file);
        }
        assertArrayEquals(Files.readAllBytes(straight.resolve("checkpoints/step_450/critic_optimizer.safetensors")),
                Files.readAllBytes(interrupted.resolve("checkpoints/step_450/critic_optimizer.safetensors")));
        List<Map<String, Object>> ma = MetricsLog.read(straight.resolve(RunDirectory.METRICS));
        List<Map<String, Object>> mb = MetricsLog.read(interrupted.resolve(RunDirectory.METRICS));
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            Map<String, Object> x = new java.util.HashMap<>(ma.get(i));
            Map<String, Object> y = new java.util.HashMap<>(mb.get(i));
            x.remove("steps_per_second");
            y.remove("steps_per_second");
            assertEquals(x, y, "metrics line " + i);
        }
    }

    @Test
    void aCheckpointReloadsToIdenticalActions(@TempDir Path dir) throws Exception {
        train(dir, 200, List.of(), 0, false);
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(dir, null);
        assertEquals(200, ref.step());
        float[][] states = new float[5][11];
        var rng = Seeds.rng(1);
        for (float[] s : states) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) rng.nextGaussian();
            }
        }
        PolicyBatch batch = PolicyBatch.ofStates(states, 3);
        float[] a = new float[15];
        float[] b = new float[15];
        try (SacPolicy p1 = (SacPolicy) PolicyLoader.load(ref); SacPolicy p2 = (SacPolicy) PolicyLoader.load(ref)) {
            p1.act(batch, a);
            p2.act(batch, b);
        }
        assertArrayEquals(a, b);
        // and they are the trained network's actions: recompute from the saved weights by hand
        try (SacNetworks nets = new SacNetworks(11, 3, new int[] {32, 32}, Seeds.rng(0))) {
            nets.load(ref.folder());
            Map<String, float[]> w = NamedParameters.of(nets.actor).values();
            for (int r = 0; r < 5; r++) {
                double[] h = states[r].length == 11 ? toDouble(states[r]) : null;
                h = relu(linear(h, w.get("net_fc0_weight"), w.get("net_fc0_bias")));
                h = relu(linear(h, w.get("net_fc1_weight"), w.get("net_fc1_bias")));
                double[] out = linear(h, w.get("net_out_weight"), w.get("net_out_bias"));
                for (int k = 0; k < 3; k++) {
                    assertEquals(Math.tanh(out[k]), a[r * 3 + k], 1e-5);
                }
            }
        }
    }

    @Test
    void refusesToOverwriteARun(@TempDir Path dir) {
        train(dir, 120, List.of(), 0, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(dir, 120, List.of(), 0, false));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> train(dir.resolve("x"), 120, List.of("gama=0.9"), 0, false));
        assertTrue(bad.getMessage().startsWith("--set gama=0.9: unknown hyper-parameter 'gama'"), bad.getMessage());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] linear(double[] x, float[] w, float[] b) {
        double[] y = new double[b.length];
        for (int o = 0; o < b.length; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] relu(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, x[i]);
        }
        return x;
    }
}
