package dev.lamo.policies.sac;

import dev.lamo.policies.nn.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSnapshot;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.PhysicsEnv;
import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.mujoco.MujocoRuntime;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.ScalarAdam;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.policies.run.TrainingRun;
import dev.lamo.envs.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft Actor-Critic (Haarnoja et al. 2018) trained online in one of our environments, CleanRL style: one
 * environment step per gradient step, random actions for the first {@code learning_starts} steps, twin
 * critics with Polyak-averaged targets, delayed actor updates, automatic entropy tuning.
 *
 * <p>All randomness (random actions, minibatches, policy noise) comes from one checkpointable generator;
 * episode i starts from reset seed (seed, i); evaluation episodes use their own seeds. A checkpoint holds the
 * networks, both optimizers, the temperature, the generator and the exact environment state, and the replay
 * buffer is saved with the run, so {@code --resume} continues bit for bit.
 */
public final class SacTrainer implements TrainingRun.Learner {

    public static final String ALGORITHM = "sac";
    static final String REPLAY_FILE = "replay.hdf5";
    private static final long EVAL_SEED_TAG = 0x5EEDE7A1L;
    /** Environment steps of a run that names none. */
    public static final long DEFAULT_STEPS = 300_000;

    /** The part of a checkpoint that is not tensors. */
    record State(long step, long episode, double episodeReturn, int episodeLength, double[] observation,
                 long[] random, double[] logAlpha, long evaluations, double[] qpos, double[] qvel, double[] mocap,
                 double[] warmstart, double time, int elapsedSteps, boolean running) {
    }

    private final SacConfig config;
    private final RunDirectory run;
    private final RunConfig runConfig;
    private final PhysicsEnv env;
    private final PhysicsEnv evalEnv;
    private final EnvSpec spec;
    private final BoxSpace actionSpace;
    private final int obsDim;
    private final int actDim;
    private final long totalSteps;
    private final long seed;
    private final SacNetworks nets;
    private final NDManager manager;
    private final AdamW actorOptimizer;
    private final AdamW criticOptimizer;
    private final ScalarAdam logAlpha;
    private final double targetEntropy;
    private final CheckpointableRandom rng;
    private final ReplayBuffer buffer;
    /** The last evaluation and its step, recorded with a checkpoint of the same step. */
    private Map<String, Object> lastEvaluation = Map.of();
    private long lastEvaluationStep = -1;

    private long step;
    private long episode;
    private double episodeReturn;
    private int episodeLength;
    private double[] observation;
    private long evaluations;
    private double alpha;
    private final Map<String, Double> lastLosses = new LinkedHashMap<>();

    private SacTrainer(SacConfig config, RunDirectory run, RunConfig runConfig, long totalSteps) {
        DjlRuntime.configure();
        this.config = config;
        this.run = run;
        this.runConfig = runConfig;
        this.totalSteps = totalSteps;
        this.seed = runConfig.seed();
        this.env = physicsEnv(runConfig.envId());
        this.evalEnv = physicsEnv(runConfig.envId());
        this.spec = env.spec();
        this.actionSpace = (BoxSpace) env.actionSpace();
        this.obsDim = env.observationSpace().flatSize();
        this.actDim = actionSpace.flatSize();
        this.rng = new CheckpointableRandom(seed);
        this.nets = new SacNetworks(obsDim, actDim, config.hiddenSizes(), Seeds.rng(Seeds.derive(seed, 0x1417)));
        this.manager = nets.manager;
        this.actorOptimizer = new AdamW(nets.actorParams, AdamW.Settings.adam(1e-8), manager);
        this.criticOptimizer = new AdamW(nets.critics.online, AdamW.Settings.adam(1e-8), manager);
        this.targetEntropy = -actDim;
        // with automatic tuning the temperature starts at 1 (log α = 0), as in CleanRL; otherwise it is fixed
        this.alpha = config.autotune() ? 1.0 : config.alpha();
        this.logAlpha = new ScalarAdam(Math.log(alpha), config.qLr());
        this.buffer = new ReplayBuffer((int) Math.min(config.bufferSize(), totalSteps), obsDim, actDim);
    }

    private static PhysicsEnv physicsEnv(String id) {
        if (EnvRegistry.make(id) instanceof PhysicsEnv p) {
            return p;
        }
        throw new IllegalArgumentException("SAC trains in MuJoCo environments; '" + id + "' is not one");
    }

    /** Starts or resumes a run and trains it to its total step count (or until {@code stopAfter}). */
    public static void train(TrainingRequest o, List<CheckpointListener> listeners, TrainingProgress progress) {
        TrainingRun run = o.resume() ? resume(o) : start(o);
        run.train(o.stopAfter(), listeners, progress);
    }

    private static TrainingRun start(TrainingRequest o) {
        EnvSpec spec = EnvRegistry.spec(o.envId());
        SacConfig config = HyperParameters.apply(SacConfig.defaults(), o.overrides());
        long steps = o.stepsOr(DEFAULT_STEPS);
        if (steps > config.bufferSize()) {
            throw new IllegalArgumentException("--steps " + steps + " exceeds buffer_size " + config.bufferSize()
                    + ": the replay buffer must hold every step to be saved with the run; raise buffer_size with --set");
        }
        int observationSize;
        try (var env = EnvRegistry.make(spec.id())) {
            observationSize = env.observationSpace().flatSize();
        }
        RunConfig rc = RunConfig.of(ALGORITHM, o.variant(), spec.id(), spec.version(), null, o.seed(), steps,
                HyperParameters.asMap(config), RunFacts.of(RunFacts.Observation.vector(observationSize)), "MuJoCo " + MujocoRuntime.version(), spec.clipActions());
        return build(config, RunDirectory.create(o.runDir(), rc), rc);
    }

    private static TrainingRun resume(TrainingRequest o) {
        RunDirectory run = TrainingRun.openForResume(o, ALGORITHM::equals, ALGORITHM);
        RunConfig rc = run.config();
        return build(HyperParameters.fromMap(rc.hyperparameters(), SacConfig.class), run, rc).restoreLatest();
    }

    /** A run starting at the first episode's reset (a checkpoint, when resumed, restores the state it saved). */
    private static TrainingRun build(SacConfig config, RunDirectory run, RunConfig rc) {
        SacTrainer t = new SacTrainer(config, run, rc, rc.steps());
        t.observation = t.env.reset(Seeds.derive(t.seed, 0));
        return new TrainingRun(run, rc, t, new TrainingRun.Cadence(config.logEvery(), config.checkpointEvery()));
    }

    // ----------------------------------------------------------------------------------------------------
    // the training loop

    /**
     * One environment step (a random action during {@code learning_starts}, then one sampled from the policy), then
     * one gradient update; an evaluation every {@code eval_every} steps and at the last.
     */
    @Override
    public TrainingRun.Update update(long stepNumber, MetricsLog metrics) {
        double[] action = stepNumber - 1 < config.learningStarts() ? randomAction() : sampleAction(observation);
        Step<double[]> s = env.step(action);
        buffer.add(observation, action, s.reward(), s.observation(), s.terminated(), s.truncated());
        episodeReturn += s.reward();
        episodeLength++;
        step = stepNumber;
        if (s.done()) {
            metrics.write(step, "episode", Map.of("return", episodeReturn, "length", episodeLength,
                    "normalized_score", spec.normalizedScore(episodeReturn)));
            episode++;
            episodeReturn = 0;
            episodeLength = 0;
            observation = env.reset(Seeds.derive(seed, episode));
        } else {
            observation = s.observation();
        }
        if (step > config.learningStarts()) {
            update();
        }
        if (step % config.evalEvery() == 0 || step == totalSteps) {
            lastEvaluation = evaluate();
            lastEvaluationStep = step;
            metrics.write(step, "eval", lastEvaluation);
        }
        return TrainingRun.Update.applied(Map.of());
    }

    @Override
    public Map<String, Object> logLine(long at, TrainingRun.WindowMeans means) {
        Map<String, Object> line = new LinkedHashMap<>(lastLosses);
        line.put("alpha", alpha);
        line.put("episodes", episode);
        return line;
    }

    @Override
    public String progress(TrainingRun.WindowMeans means) {
        return lastLosses.isEmpty() ? "" : String.format("alpha %.3f q %.3f", alpha,
                lastLosses.getOrDefault("qf_loss", Double.NaN));
    }

    @Override
    public Map<String, Object> checkpointMeasurements(long at) {
        return lastEvaluationStep == at ? lastEvaluation : Map.of();
    }

    /** One gradient step of the critics and, every {@code policy_frequency} steps, of the actor and temperature. */
    private void update() {
        ReplayBuffer.Batch b = buffer.sample(config.batchSize(), rng);
        int n = config.batchSize();
        try (NDScope scope = new NDScope()) {
            NDArray obs = manager.create(b.obs(), new Shape(n, obsDim));
            NDArray act = manager.create(b.actions(), new Shape(n, actDim));
            NDArray rew = manager.create(b.rewards(), new Shape(n, 1));
            NDArray nextObs = manager.create(b.next(), new Shape(n, obsDim));
            NDArray notDone = manager.create(b.terminated(), new Shape(n, 1)).neg().add(1);

            // soft Bellman target, without gradients (grad mode is off outside a collector)
            NDList nextPolicy = TanhGaussianActor.sample(nets.actorOutput(nextObs), noise(n));
            NDArray nextQ = nets.critics.minTarget(nextObs, nextPolicy.get(0)).sub(nextPolicy.get(1).mul((float) alpha));
            NDArray target = rew.add(notDone.mul(nextQ).mul((float) config.gamma()));

            nets.critics.online.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q1 = nets.critics.q1(obs, act);
                NDArray q2 = nets.critics.q2(obs, act);
                NDArray q1Loss = q1.sub(target).square().mean();
                NDArray q2Loss = q2.sub(target).square().mean();
                gc.backward(q1Loss.add(q2Loss));
                lastLosses.put("qf1_loss", (double) q1Loss.getFloat());
                lastLosses.put("qf2_loss", (double) q2Loss.getFloat());
                lastLosses.put("qf_loss", (q1Loss.getFloat() + q2Loss.getFloat()) / 2.0);
                lastLosses.put("q_mean", (double) q1.mean().getFloat());
            }
            criticOptimizer.step(config.qLr());

            if (step % config.policyFrequency() == 0) {
                // delayed updates, compensated by doing policy_frequency of them (CleanRL, TD3)
                for (int k = 0; k < config.policyFrequency(); k++) {
                    nets.actorParams.zeroGradients();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList pi = TanhGaussianActor.sample(nets.actorOutput(obs), noise(n));
                        NDArray minQ = nets.critics.min(obs, pi.get(0));
                        NDArray actorLoss = pi.get(1).mul(Scalars.of(manager, alpha)).sub(minQ).mean();
                        gc.backward(actorLoss);
                        lastLosses.put("actor_loss", (double) actorLoss.getFloat());
                    }
                    actorOptimizer.step(config.policyLr());
                    if (config.autotune()) {
                        double meanLogProb = TanhGaussianActor.sample(nets.actorOutput(obs), noise(n)).get(1).mean().getFloat();
                        // d/d(log α) of −α·(log π + H̄)
                        double gradient = -Math.exp(logAlpha.value()) * (meanLogProb + targetEntropy);
                        alpha = Math.exp(logAlpha.step(gradient));
                        lastLosses.put("entropy", -meanLogProb);
                    }
                }
            }
            if (step % config.targetNetworkFrequency() == 0) {
                nets.critics.softUpdateTargets(config.tau());
            }
            scope.suppressNotUsedWarning();
        }
    }

    private NDArray noise(int rows) {
        float[] z = new float[rows * actDim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return manager.create(z, new Shape(rows, actDim));
    }

    private double[] randomAction() {
        double[] a = new double[actDim];
        for (int i = 0; i < actDim; i++) {
            a[i] = actionSpace.low(i) + (actionSpace.high(i) - actionSpace.low(i)) * rng.nextDouble();
        }
        return a;
    }

    private double[] sampleAction(double[] obs) {
        try (NDScope scope = new NDScope()) {
            NDArray o = manager.create(toFloats(obs), new Shape(1, obsDim));
            float[] a = TanhGaussianActor.sample(nets.actorOutput(o), noise(1)).get(0).toFloatArray();
            scope.suppressNotUsedWarning();
            return scale(a);
        }
    }

    private double[] deterministicAction(double[] obs) {
        try (NDScope scope = new NDScope()) {
            NDArray o = manager.create(toFloats(obs), new Shape(1, obsDim));
            float[] a = TanhGaussianActor.deterministic(nets.actorOutput(o)).toFloatArray();
            scope.suppressNotUsedWarning();
            return scale(a);
        }
    }

    /** Maps tanh outputs in [−1, 1] to the action bounds. */
    private double[] scale(float[] squashed) {
        double[] a = new double[actDim];
        for (int i = 0; i < actDim; i++) {
            double lo = actionSpace.low(i);
            double hi = actionSpace.high(i);
            a[i] = lo + (squashed[i] + 1) * 0.5 * (hi - lo);
        }
        return a;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** Deterministic evaluation episodes on a separate environment with their own seeds. */
    private Map<String, Object> evaluate() {
        double[] returns = new double[config.evalEpisodes()];
        for (int e = 0; e < returns.length; e++) {
            double[] o = evalEnv.reset(Seeds.derive(seed, EVAL_SEED_TAG, evaluations, e));
            double total = 0;
            while (true) {
                Step<double[]> s = evalEnv.step(deterministicAction(o));
                total += s.reward();
                o = s.observation();
                if (s.done()) {
                    break;
                }
            }
            returns[e] = total;
        }
        evaluations++;
        double mean = 0;
        for (double r : returns) {
            mean += r / returns.length;
        }
        double var = 0;
        for (double r : returns) {
            var += (r - mean) * (r - mean) / returns.length;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("return_mean", mean);
        m.put("return_std", Math.sqrt(var));
        m.put("normalized_score", spec.normalizedScore(mean));
        m.put("episodes", returns.length);
        return m;
    }

    // ----------------------------------------------------------------------------------------------------
    // checkpoints

    @Override
    public List<String> save(Path dir) throws IOException {
        // the replay buffer is saved with the run, not with each checkpoint (it is large and only ever grows)
        DatasetMetadata replayMeta = DatasetMetadata.of(runConfig.envId() + "-sac-replay-s" + seed, "replay", null, null)
                .withEnv(spec.id(), spec.version())
                .withBehavior("sac replay buffer", Map.of("run", run.path().toString(), "until_step", step), null, seed);
        buffer.save(run.path().resolve(REPLAY_FILE), replayMeta);
        nets.save(dir);
        actorOptimizer.save(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.save(dir.resolve("critic_optimizer.safetensors"));
        List<String> files = new ArrayList<>(SacNetworks.FILES);
        files.addAll(List.of("actor_optimizer.safetensors", "critic_optimizer.safetensors"));
        return files;
    }

    @Override
    public void load(Path dir) throws IOException {
        nets.load(dir);
        actorOptimizer.load(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.load(dir.resolve("critic_optimizer.safetensors"));
    }

    @Override
    public void saveState(ObjectNode node) {
        EnvSnapshot snap = env.snapshot();
        PhysicsState ps = snap.state();
        State state = new State(step, episode, episodeReturn, episodeLength, observation, rng.state(), logAlpha.state(),
                evaluations, ps.qpos(), ps.qvel(), ps.mocapPos(), snap.warmstart(), snap.time(), snap.elapsedSteps(),
                snap.running());
        node.setAll((ObjectNode) Json.mapper().valueToTree(state));
    }

    @Override
    public void loadState(JsonNode node) {
        State s = Json.mapper().convertValue(node, State.class);
        step = s.step();
        episode = s.episode();
        episodeReturn = s.episodeReturn();
        episodeLength = s.episodeLength();
        observation = s.observation();
        rng.restore(s.random());
        logAlpha.restore(s.logAlpha());
        alpha = Math.exp(logAlpha.value());
        evaluations = s.evaluations();
        env.restore(new EnvSnapshot(new PhysicsState(s.qpos(), s.qvel(), s.mocap()), s.warmstart(), s.time(),
                s.elapsedSteps(), s.running()));
        buffer.load(run.path().resolve(REPLAY_FILE), step, episodeLength > 0);
    }

    @Override
    public void close() {
        actorOptimizer.close();
        criticOptimizer.close();
        nets.close();
        env.close();
        evalEnv.close();
    }
}
