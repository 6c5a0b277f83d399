package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.FreeParameter;
import dev.lamo.policies.nn.Mlp;
import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.Scalars;
import dev.lamo.policies.nn.TorchInit;
import dev.lamo.policies.nn.TwinCritics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * IQL: V(s) fitted by expectile regression to min Q'(s, a) of the data's actions, Q(s, a) to r + γ·V(s'), and
 * the actor by advantage-weighted regression, exp(β·(Q' − V)) capped, on the data's actions. No action outside
 * the data is ever evaluated.
 */
final class IqlLearner implements OfflineLearner<Transitions.Batch> {

    static final double LOG_STD_MIN = -20;
    static final double LOG_STD_MAX = 2;

    private final IqlConfig config;
    private final long totalSteps;
    private final NDManager manager = NDManager.newBaseManager();
    private final ParameterStore store = new ParameterStore(manager, false);
    private final ActorNetwork actor;
    private final Parameter logStd;
    private final NamedParameters actorParams;
    private final Mlp value;
    private final NamedParameters valueParams;
    private final TwinCritics critics;
    private final AdamW actorOptimizer;
    private final AdamW valueOptimizer;
    private final AdamW criticOptimizer;

    IqlLearner(IqlConfig config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        this.totalSteps = totalSteps;
        this.actor = new ActorNetwork(manager, store, stateDim, actionDim, config.actorHidden(), 1);
        TorchInit.linearLayers(actor.params, initRng);
        this.logStd = FreeParameter.of(manager, "log_std", new float[actionDim]);
        this.actorParams = NamedParameters.concat(actor.params, NamedParameters.ofMap(Map.of("log_std", logStd)));
        this.value = new Mlp(config.criticHidden(), 1);
        value.initialize(manager, DataType.FLOAT32, new Shape(1, stateDim));
        this.valueParams = NamedParameters.of(value);
        TorchInit.linearLayers(valueParams, initRng);
        this.critics = new TwinCritics(manager, store, stateDim + actionDim, config.criticHidden(), initRng, TorchInit::linearLayers);
        actorParams.requireGradients(true);
        valueParams.requireGradients(true);
        this.actorOptimizer = new AdamW(actorParams, AdamW.Settings.adam(1e-8), manager);
        this.valueOptimizer = new AdamW(valueParams, AdamW.Settings.adam(1e-8), manager);
        this.criticOptimizer = new AdamW(critics.online, AdamW.Settings.adam(1e-8), manager);
    }

    private NDArray v(NDArray states) {
        return value.forward(store, new NDList(states), true).singletonOrThrow();
    }

    @Override
    public Map<String, Double> update(Transitions.Batch batch, RandomGenerator rng) {
        Map<String, Double> log = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager()) {
            BatchArrays b = BatchArrays.of(step, batch);
            NDArray targetQ = critics.minTarget(b.states(), b.actions());
            NDArray nextV = v(b.nextStates());

            NDArray advantage;
            valueParams.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray adv = targetQ.sub(v(b.states()));
                // expectile weight |τ − 1(adv < 0)|
                NDArray weight = adv.lt(0).toType(DataType.FLOAT32, false).neg().add((float) config.expectile()).abs();
                NDArray loss = weight.mul(adv.square()).mean();
                gc.backward(loss);
                advantage = adv.stopGradient();
                log.put("value_loss", (double) loss.getFloat());
            }
            valueOptimizer.step(config.vLr());

            NDArray target = b.rewards().add(b.notDone().mul((float) config.gamma()).mul(nextV));
            critics.online.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q1 = critics.q1(b.states(), b.actions());
                NDArray loss = q1.sub(target).square().mean().add(critics.q2(b.states(), b.actions()).sub(target).square()
                        .mean()).mul(Scalars.constant(0.5));
                gc.backward(loss);
                log.put("critic_loss", (double) loss.getFloat());
                log.put("q_mean", (double) q1.mean().getFloat());
            }
            criticOptimizer.step(config.qLr());

            actorParams.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray weights = advantage.mul((float) config.beta()).exp().minimum((float) config.maxAdvantageWeight());
                NDArray logProb = gaussianLogProb(actor.act(b.states()), b.actions());
                NDArray loss = weights.mul(logProb.neg()).mean();
                gc.backward(loss);
                log.put("actor_loss", (double) loss.getFloat());
            }
            actorOptimizer.step(actorLearningRate());
            critics.softUpdateTargets(config.tau());
        }
        return log;
    }

    /** log N(a; mean, diag(exp(log_std)²)) summed over action dimensions, (B, 1). */
    private NDArray gaussianLogProb(NDArray mean, NDArray actions) {
        NDArray ls = logStd.getArray().clip(LOG_STD_MIN, LOG_STD_MAX);
        NDArray z = actions.sub(mean).div(ls.exp());
        return z.square().mul(Scalars.constant(-0.5)).sub(ls).sub((float) (0.5 * Math.log(2 * Math.PI))).sum(new int[] {1}, true);
    }

    /** PyTorch's CosineAnnealingLR to zero over training, stepped after every actor update. */
    private double actorLearningRate() {
        if (!config.cosineActorLr()) {
            return config.actorLr();
        }
        long t = actorOptimizer.steps(); // updates already taken
        return config.actorLr() * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, totalSteps) / totalSteps));
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        actor.save(dir);
        NamedParameters.ofMap(Map.of("log_std", logStd)).save(dir.resolve("actor_log_std.safetensors"), Map.of());
        valueParams.save(dir.resolve("value.safetensors"), Map.of());
        critics.save(dir);
        actorOptimizer.save(dir.resolve("actor_optimizer.safetensors"));
        valueOptimizer.save(dir.resolve("value_optimizer.safetensors"));
        criticOptimizer.save(dir.resolve("critic_optimizer.safetensors"));
        List<String> files = new ArrayList<>(List.of(ActorNetwork.FILE, "actor_log_std.safetensors", "value.safetensors",
                "actor_optimizer.safetensors", "value_optimizer.safetensors", "critic_optimizer.safetensors"));
        files.addAll(TwinCritics.FILES);
        return files;
    }

    @Override
    public void load(Path dir) throws IOException {
        actor.load(dir);
        NamedParameters.ofMap(Map.of("log_std", logStd)).load(dir.resolve("actor_log_std.safetensors"));
        valueParams.load(dir.resolve("value.safetensors"));
        critics.load(dir);
        actorOptimizer.load(dir.resolve("actor_optimizer.safetensors"));
        valueOptimizer.load(dir.resolve("value_optimizer.safetensors"));
        criticOptimizer.load(dir.resolve("critic_optimizer.safetensors"));
    }

    @Override
    public void close() {
        actorOptimizer.close();
        valueOptimizer.close();
        criticOptimizer.close();
        manager.close();
    }
}
