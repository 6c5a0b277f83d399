package dev.lamo.policies.runtime;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.dt.TinyFixtures;
import dev.lamo.policies.offline.OfflineTrainer;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.sac.SacTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Small real trained runs for the engine's tests, trained once per folder, and random batches of windows. */
public final class EngineRuns {

    private EngineRuns() {
    }

    /** A DT or LaMo trained on a small reacher2d dataset (LaMo on the tiny language model). */
    public static PolicyLoader.CheckpointRef dt(Path dir, String algo, long steps, List<String> sets) throws Exception {
        Path run = dir.resolve(algo + "-" + Integer.toHexString(sets.hashCode()));
        if (!Files.exists(run)) {
            Path data = dir.resolve("reacher.hdf5");
            if (!Files.exists(data)) {
                TinyFixtures.reacherData(dir, 12);
            }
            Path lm = dir.resolve("lm");
            if (algo.equals("lamo") && !Files.exists(lm)) {
                TinyFixtures.languageModel(dir);
            }
            Path corpus = dir.resolve("text.txt");
            if (!Files.exists(corpus)) {
                TinyFixtures.corpus(dir);
            }
            List<String> all = new ArrayList<>(List.of("batch_size=16", "warmup_steps=0", "log_every=25",
                    "checkpoint_every=" + steps, "lr=1e-3"));
            all.addAll(sets);
            DtTrainer.train(new TrainingRequest(algo, null, "reacher2d", data, null, null,
                    algo.equals("lamo") ? lm : null, corpus, steps, 5, run, false, all, 0), List.of(), TrainingProgress.NONE);
        }
        return PolicyLoader.resolve(run, null);
    }

    /** An offline baseline's actor trained briefly on random hopper data. */
    static PolicyLoader.CheckpointRef offline(Path dir, String algo) {
        Path run = dir.resolve(algo);
        if (!Files.exists(run)) {
            Path data = dir.resolve("hopper-random.hdf5");
            if (!Files.exists(data)) {
                DatasetWriter.write(DatasetGenerator.generate(new dev.lamo.envs.data.GenerationPlan<>("hopper",
                        Behaviors.builtIn("random", "hopper", null), 0, 1000, 5, null, 2), n -> { }), data);
            }
            List<String> sets = new ArrayList<>(List.of("actor_hidden=[32,24]", "batch_size=32", "checkpoint_every=60",
                    "log_every=20"));
            if (!algo.equals("bc")) {
                sets.add("critic_hidden=[32,32]");
            }
            OfflineTrainer.train(new TrainingRequest(algo, null, "hopper", data, 0.5, 1L, null, null, 60L, 7, run, false, sets, 0),
                    List.of(), TrainingProgress.NONE);
        }
        return PolicyLoader.resolve(run, null);
    }

    /** A SAC actor trained briefly on hopper. */
    static PolicyLoader.CheckpointRef sac(Path dir) {
        Path run = dir.resolve("sac");
        if (!Files.exists(run)) {
            SacTrainer.train(new TrainingRequest("sac", null, "hopper", null, null, null, null, null, 150L, 3, run, false, List.of("hidden_sizes=[32,32]",
                    "batch_size=32", "learning_starts=100", "eval_every=150", "eval_episodes=1", "checkpoint_every=150",
                    "log_every=50"), 0), List.of(), TrainingProgress.NONE);
        }
        return PolicyLoader.resolve(run, null);
    }

    /**
     * {@code rows} random left-padded windows for a policy: every length from 1 to K, raw states around the
     * data's scale, returns up to twice the return scale, timesteps that pass the end of the table (clamped).
     */
    public static PolicyBatch windows(PolicyInfo info, int rows, int maxEpisodeLength, RandomGenerator r) {
        return dev.lamo.policies.runtime.gpu.CheckWindows.random(info, rows, maxEpisodeLength, r);
    }

    /** Rows {@code from .. from+n} of a batch as a batch of their own. */
    public static PolicyBatch slice(PolicyBatch b, int from, int n, int capacity) {
        int k = b.context();
        int s = b.observationSize();
        int a = b.actionSize();
        PolicyBatch out = new PolicyBatch(capacity, k, s, a);
        out.setSize(n);
        System.arraycopy(b.states(), from * k * s, out.states(), 0, n * k * s);
        System.arraycopy(b.actions(), from * k * a, out.actions(), 0, n * k * a);
        System.arraycopy(b.returnsToGo(), from * k, out.returnsToGo(), 0, n * k);
        System.arraycopy(b.timesteps(), from * k, out.timesteps(), 0, n * k);
        System.arraycopy(b.lengths(), from, out.lengths(), 0, n);
        return out;
    }
}
