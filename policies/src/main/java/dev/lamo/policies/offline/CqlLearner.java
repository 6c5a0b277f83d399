package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.FreeParameter;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.ScalarAdam;
import dev.lamo.policies.nn.Scalars;
import dev.lamo.policies.nn.TorchInit;
import dev.lamo.policies.nn.TwinCritics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * CQL on SAC: soft actor-critic updates plus, for each critic, a conservative term that pushes down a soft maximum
 * of Q over sampled actions (uniform, and the actor's at s and s', importance-weighted) and pushes up Q on the
 * data's actions. All losses are computed with the parameters of the step's start, then every optimizer steps.
 */
final class CqlLearner implements OfflineLearner<Transitions.Batch> {

    static final double LOG_STD_MIN = -20;
    static final double LOG_STD_MAX = 2;
    private static final String STATE = "cql_state.json";

    private final CqlConfig config;
    private final int actionDim;
    private final NDManager manager = NDManager.newBaseManager();
    private final ActorNetwork actor;
    private final Parameter logStdMultiplier;
    private final Parameter logStdOffset;
    private final NamedParameters actorParams;
    private final TwinCritics critics;
    private final AdamW actorOptimizer;
    private final AdamW criticOptimizer;
    private final ScalarAdam logAlpha;
    private final double targetEntropy;

    /** The non-tensor state saved with a checkpoint: the temperature's Adam state. */
    record State(double[] logAlpha) {
    }

    CqlLearner(CqlConfig config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        this.actionDim = actionDim;
        ParameterStore store = new ParameterStore(manager, false);
        this.actor = new ActorNetwork(manager, store, stateDim, actionDim, config.actorHidden(), 2);
        Initialisation.smallOutput(actor.params, initRng);
        this.logStdMultiplier = FreeParameter.of(manager, "log_std_multiplier", new float[] {(float) config.logStdMultiplier()});
        this.logStdOffset = FreeParameter.of(manager, "log_std_offset", new float[] {(float) config.logStdOffset()});
        this.actorParams = NamedParameters.concat(actor.params, scalars());
        actorParams.requireGradients(true);
        this.critics = new TwinCritics(manager, store, stateDim + actionDim, config.criticHidden(), initRng,
                config.orthogonalInit() ? Initialisation::orthogonal : TorchInit::linearLayers);
        this.actorOptimizer = new AdamW(actorParams, AdamW.Settings.adam(1e-8), manager);
        this.criticOptimizer = new AdamW(critics.online, AdamW.Settings.adam(1e-8), manager);
        this.logAlpha = new ScalarAdam(0.0, config.policyLr());
        this.targetEntropy = -actionDim;
    }

    private NamedParameters scalars() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("log_std_multiplier", logStdMultiplier);
        m.put("log_std_offset", logStdOffset);
        return NamedParameters.ofMap(m);
    }

    /** Reparameterised tanh-Gaussian samples for every state repeated {@code repeat} times: (actions, log π). */
    private NDList sample(NDManager m, NDArray states, int repeat, RandomGenerator rng) {
        NDArray s = repeat == 1 ? states : states.repeat(0, repeat);
        NDArray raw = actor.raw(s);
        NDArray mean = actor.firstActions(raw);
        NDArray logStd = actor.secondActions(raw).mul(logStdMultiplier.getArray()).add(logStdOffset.getArray())
                .clip(LOG_STD_MIN, LOG_STD_MAX);
        NDArray noise = BatchArrays.gaussian(m, rng, mean.getShape());
        NDArray u = mean.add(logStd.exp().mul(noise));
        NDArray a = u.tanh();
        // log N(u) − log|d tanh/du|, the latter as PyTorch's TanhTransform: 2·(log 2 − u − softplus(−2u))
        NDArray gaussian = noise.square().mul(-0.5f).sub(logStd).sub((float) (0.5 * Math.log(2 * Math.PI)));
        NDArray logDet = u.neg().sub(softplus(u.mul(Scalars.constant(-2)))).add((float) Math.log(2)).mul(Scalars.constant(2));
        return new NDList(a, gaussian.sub(logDet).sum(new int[] {1}, true));
    }

    private static NDArray softplus(NDArray x) {
        return x.maximum(Scalars.constant(0)).add(x.abs().neg().exp().add(1).log());
    }

    @Override
    public Map<String, Double> update(Transitions.Batch batch, RandomGenerator rng) {
        Map<String, Double> log = new LinkedHashMap<>();
        int n = batch.size();
        int k = config.cqlActions();
        double alpha = Math.exp(logAlpha.value());
        try (NDManager step = manager.newSubManager()) {
            BatchArrays b = BatchArrays.of(step, batch);

            actorParams.zeroGradients();
            double meanLogPi;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList pi = sample(step, b.states(), 1, rng);
                NDArray loss = pi.get(1).mul(Scalars.of(step, alpha)).sub(critics.min(b.states(), pi.get(0))).mean();
                gc.backward(loss);
                meanLogPi = pi.get(1).mean().getFloat();
                log.put("actor_loss", (double) loss.getFloat());
                log.put("entropy", -meanLogPi);
            }
            if (config.autotuneEntropy()) {
                // d/d(log α) of −log α·(log π + H̄)
                logAlpha.step(-(meanLogPi + targetEntropy));
            }

            // everything the critic loss needs from the actor, without gradients
            NDList next = sample(step, b.nextStates(), 1, rng);
            NDArray targetQ = critics.minTarget(b.nextStates(), next.get(0));
            if (config.backupEntropy()) {
                targetQ = targetQ.sub(next.get(1).mul((float) alpha));
            }
            NDArray target = b.rewards().add(b.notDone().mul((float) config.gamma()).mul(targetQ));
            NDArray repeated = b.states().repeat(0, k);
            NDArray randomActions = BatchArrays.uniform(step, rng, new Shape((long) n * k, actionDim), -1, 1);
            NDList current = sample(step, b.states(), k, rng);
            NDList following = sample(step, b.nextStates(), k, rng);
            float randomDensity = (float) (actionDim * Math.log(0.5));

            critics.online.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = null;
                for (int c = 0; c < 2; c++) {
                    java.util.function.BiFunction<NDArray, NDArray, NDArray> q = c == 0 ? critics::q1 : critics::q2;
                    NDArray predicted = q.apply(b.states(), b.actions());
                    NDArray bellman = predicted.sub(target).square().mean();
                    NDArray qRandom = q.apply(repeated, randomActions).reshape(n, k);
                    NDArray qCurrent = q.apply(repeated, current.get(0)).reshape(n, k);
                    NDArray qNext = q.apply(repeated, following.get(0)).reshape(n, k);
                    NDArray all = config.importanceSample()
                            ? NDArrays.concat(new NDList(qRandom.sub(randomDensity),
                                    qNext.sub(following.get(1).reshape(n, k)), qCurrent.sub(current.get(1).reshape(n, k))), 1)
                            : NDArrays.concat(new NDList(qRandom, predicted, qNext, qCurrent), 1);
                    NDArray softMax = logSumExp(all.mul(Scalars.constant(1 / config.cqlTemperature())))
                            .mul(Scalars.constant(config.cqlTemperature()));
                    NDArray gap = softMax.sub(predicted).mean();
                    NDArray total = bellman.add(gap.mul(Scalars.constant(config.cqlAlpha())));
                    loss = loss == null ? total : loss.add(total);
                    log.put("q" + (c + 1) + "_bellman_loss", (double) bellman.getFloat());
                    log.put("q" + (c + 1) + "_cql_gap", (double) gap.getFloat());
                    if (c == 0) {
                        log.put("q_mean", (double) predicted.mean().getFloat());
                    }
                }
                gc.backward(loss);
                log.put("critic_loss", (double) loss.getFloat());
            }
            actorOptimizer.step(config.policyLr());
            criticOptimizer.step(config.qLr());
            critics.softUpdateTargets(config.tau());
        }
        log.put("alpha", alpha);
        return log;
    }

    /** log Σ exp over axis 1, stable: the row maximum is taken out first. (B, 1) */
    static NDArray logSumExp(NDArray x) {
        NDArray max = x.max(new int[] {1}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {1}, true).log().add(max);
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        actor.save(dir);
        scalars().save(dir.resolve("actor_log_std.safetensors"), Map.of());
        critics.save(dir);
        actorOptimizer.save(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.save(dir.resolve("critic_optimizer.safetensors"));
        Files.writeString(dir.resolve(STATE), dev.lamo.envs.Json.write(new State(logAlpha.state())));
        List<String> files = new ArrayList<>(List.of(ActorNetwork.FILE, "actor_log_std.safetensors",
                "actor_optimizer.safetensors", "critic_optimizer.safetensors", STATE));
        files.addAll(TwinCritics.FILES);
        return files;
    }

    @Override
    public void load(Path dir) throws IOException {
        actor.load(dir);
        scalars().load(dir.resolve("actor_log_std.safetensors"));
        critics.load(dir);
        actorOptimizer.load(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.load(dir.resolve("critic_optimizer.safetensors"));
        logAlpha.restore(dev.lamo.envs.Json.mapper().readValue(dir.resolve(STATE).toFile(), State.class).logAlpha());
    }

    @Override
    public void close() {
        actorOptimizer.close();
        criticOptimizer.close();
        manager.close();
    }
}
