package dev.lamo.harness.train;

import dev.lamo.harness.eval.EvaluateCheckpoints;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.harness.status.StatusHeartbeat;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.policies.registry.Variant;
import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One training run as {@code lamo train} and {@code lamo sweep} start it: the algorithm's trainer, with the
 * harness subscribed to its checkpoints when evaluation during training is asked for.
 *
 * @param variant    variant label (an algorithm's name runs the algorithm as it is), e.g. {@code lamo-nopt}
 * @param data       offline dataset (null for online algorithms and on resume)
 * @param lm         language model folder for LaMo (null otherwise and on resume)
 * @param corpus     text of LaMo's auxiliary language loss
 * @param steps      training steps, or null for the algorithm's default (or the run's on resume)
 * @param evaluation evaluation during training, or null for none
 */
public record TrainingJob(String variant, String envId, Path data, Double ratio, Long sampleSeed, Path lm, Path corpus,
                          Long steps, long seed, Path out, boolean resume, List<String> overrides, Evaluate evaluation) {

    /**
     * Evaluate every {@code every} steps and the last, {@code episodes} per target, with seed {@code seed}, the policy's
     * forwards on {@code runtime} with {@code policyThreads} engine threads.
     */
    public record Evaluate(long every, int episodes, long seed, PolicyRuntime runtime, int policyThreads) {

        /** On the default runtime ({@code auto}: the engine where it supports the policy). */
        public Evaluate(long every, int episodes, long seed) {
            this(every, episodes, seed, PolicyRuntime.AUTO, 1);
        }

        public Evaluate {
            if (every < 1) {
                throw new IllegalArgumentException("--eval-every must be >= 1, got " + every);
            }
            if (episodes < 1) {
                throw new IllegalArgumentException("--eval-episodes must be >= 1, got " + episodes);
            }
        }
    }

    /** Steps of a run that names none (see each algorithm's {@link Algorithm#defaultSteps}). */
    public static long defaultSteps(String algorithm, String envId) {
        return Algorithms.get(algorithm).defaultSteps().applyAsLong(envId);
    }

    /** The algorithm the variant runs. */
    public Algorithm algorithm() {
        return Algorithms.get(Algorithms.variant(variant).algorithm());
    }

    /**
     * Trains to the end; {@code onEvaluation} hears each evaluation during training. {@code status.json} in the run
     * folder beats while it trains and says at the end whether it finished or failed.
     */
    public void run(TrainingProgress progress, Consumer<Evaluation.Outcome> onEvaluation) {
        TrainingBeat beat = new TrainingBeat(resume ? lastCheckpoint() : 0, totalSteps());
        try (StatusHeartbeat status = StatusHeartbeat.start(out, "training", "steps", beat)) {
            try {
                train(beat.wrap(progress), onEvaluation);
                status.finished();
            } catch (RuntimeException | Error e) {
                status.failed(e.getMessage());
                throw e;
            }
        }
    }

    private void train(TrainingProgress progress, Consumer<Evaluation.Outcome> onEvaluation) {
        Variant v = Algorithms.variant(variant);
        Algorithm algorithm = Algorithms.get(v.algorithm());
        List<CheckpointListener> listeners = new ArrayList<>();
        List<String> sets = new ArrayList<>(v.settings());
        sets.addAll(overrides); // the user's settings win over the variant's
        if (evaluation != null) {
            sets.add("checkpoint_every=" + evaluation.every()); // a checkpoint at every evaluation point
            listeners.add(new EvaluateCheckpoints(evaluation.every(), totalSteps(), evaluation.episodes(), null,
                    evaluation.seed(), Runtime.getRuntime().availableProcessors(), 128, evaluation.runtime(),
                    evaluation.policyThreads(), onEvaluation));
        }
        if (algorithm.offline() && !resume && data == null) {
            throw new IllegalArgumentException("--algo " + algorithm.name() + " trains offline: --data FILE is required");
        }
        algorithm.trainer().train(new TrainingRequest(algorithm.name(), v.label(), envId, data, ratio, sampleSeed,
                algorithm.usesLanguageModel() ? lm : null, corpus, steps, seed, out, resume, sets, 0), listeners, progress);
    }

    /** The step a resumed run continues from. */
    private long lastCheckpoint() {
        List<Long> steps = RunDirectory.open(out).checkpointSteps();
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1);
    }

    /** The planned steps: given, or the resumed run's, or the algorithm's default. */
    public long totalSteps() {
        return steps != null ? steps : resume ? RunDirectory.open(out).config().steps() : algorithm().defaultSteps().applyAsLong(envId);
    }
}
