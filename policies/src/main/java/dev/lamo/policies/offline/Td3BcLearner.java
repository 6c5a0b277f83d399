package dev.lamo.policies.offline;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.nn.AdamW;
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
 * TD3+BC: TD3's clipped double-Q critics with target policy smoothing, and an actor that maximises
 * λ·Q(s, π(s)) − (π(s) − a)² with λ = α / mean|Q|, updated with the targets every {@code policy_frequency} steps.
 */
final class Td3BcLearner implements OfflineLearner<Transitions.Batch> {

    private final Td3BcConfig config;
    private final NDManager manager = NDManager.newBaseManager();
    private final ActorNetwork actor;
    private final ActorNetwork actorTarget;
    private final TwinCritics critics;
    private final AdamW actorOptimizer;
    private final AdamW criticOptimizer;
    private long updates;

    Td3BcLearner(Td3BcConfig config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng) {
        this.config = config;
        ParameterStore store = new ParameterStore(manager, false);
        this.actor = new ActorNetwork(manager, store, stateDim, actionDim, config.actorHidden(), 1);
        this.actorTarget = new ActorNetwork(manager, store, stateDim, actionDim, config.actorHidden(), 1);
        TorchInit.linearLayers(actor.params, initRng);
        actorTarget.params.copyFrom(actor.params);
        actor.params.requireGradients(true);
        this.critics = new TwinCritics(manager, store, stateDim + actionDim, config.criticHidden(), initRng, TorchInit::linearLayers);
        this.actorOptimizer = new AdamW(actor.params, AdamW.Settings.adam(1e-8), manager);
        this.criticOptimizer = new AdamW(critics.online, AdamW.Settings.adam(1e-8), manager);
    }

    @Override
    public Map<String, Double> update(Transitions.Batch batch, RandomGenerator rng) {
        updates++;
        Map<String, Double> log = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager()) {
            BatchArrays b = BatchArrays.of(step, batch);
            // target: r + γ·(1 − done)·min Q'(s', clip(π'(s') + clip(ε, ±c), ±1)), without gradients
            NDArray noise = BatchArrays.gaussian(step, rng, b.actions().getShape()).mul((float) config.policyNoise())
                    .clip(-config.noiseClip(), config.noiseClip());
            NDArray nextActions = actorTarget.act(b.nextStates()).add(noise).clip(-1, 1);
            NDArray target = b.rewards().add(b.notDone().mul((float) config.gamma())
                    .mul(critics.minTarget(b.nextStates(), nextActions)));
            critics.online.zeroGradients(); // the actor's last backward also reached the critics
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray q1 = critics.q1(b.states(), b.actions());
                NDArray loss = q1.sub(target).square().mean().add(critics.q2(b.states(), b.actions()).sub(target).square().mean());
                gc.backward(loss);
                log.put("critic_loss", (double) loss.getFloat());
                log.put("q_mean", (double) q1.mean().getFloat());
            }
            criticOptimizer.step(config.criticLr());
            if (updates % config.policyFrequency() == 0) {
                actor.params.zeroGradients();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray pi = actor.act(b.states());
                    NDArray q = critics.q1(b.states(), pi);
                    float lambda = (float) (config.alpha() / q.abs().mean().getFloat());
                    NDArray bc = pi.sub(b.actions()).square().mean();
                    NDArray loss = q.mean().mul(Scalars.of(step, -lambda)).add(bc);
                    gc.backward(loss);
                    log.put("actor_loss", (double) loss.getFloat());
                    log.put("bc_loss", (double) bc.getFloat());
                }
                actorOptimizer.step(config.actorLr());
                critics.softUpdateTargets(config.tau());
                actorTarget.params.polyak(actor.params, config.tau());
            }
        }
        return log;
    }

    @Override
    public List<String> save(Path dir) throws IOException {
        actor.save(dir);
        actorTarget.params.save(dir.resolve("actor_target.safetensors"), Map.of());
        critics.save(dir);
        actorOptimizer.save(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.save(dir.resolve("critic_optimizer.safetensors"));
        List<String> files = new ArrayList<>(List.of(ActorNetwork.FILE, "actor_target.safetensors",
                "actor_optimizer.safetensors", "critic_optimizer.safetensors"));
        files.addAll(TwinCritics.FILES);
        return files;
    }

    @Override
    public void load(Path dir) throws IOException {
        actor.load(dir);
        actorTarget.params.load(dir.resolve("actor_target.safetensors"));
        critics.load(dir);
        actorOptimizer.load(dir.resolve("actor_optimizer.safetensors"));
        criticOptimizer.load(dir.resolve("critic_optimizer.safetensors"));
        updates = criticOptimizer.steps(); // one critic step per update
    }

    @Override
    public void close() {
        actorOptimizer.close();
        criticOptimizer.close();
        manager.close();
    }
}
