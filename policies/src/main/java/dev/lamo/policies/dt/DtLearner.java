package dev.lamo.policies.dt;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Json;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.lm.LanguageModelLoss;
import dev.lamo.policies.lm.TokenBlocks;
import dev.lamo.policies.nn.AdamW;
import dev.lamo.policies.nn.Scalars;
import dev.lamo.policies.run.TrainingRun;
import dev.lamo.results.records.MetricsLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One LaMo / Decision Transformer update (spec §4), as CORL's {@code DT.train} step reads: sample a batch of windows;
 * the action loss (masked MSE, or masked cross-entropy on the Atari path) plus λ × the backbone's next-token loss on
 * text; backward; clip the global gradient norm; an AdamW step at the scheduled learning rate, skipped when the
 * gradients are not finite. The run's cadence (logging, checkpoints, stopping) is {@link TrainingRun}'s.
 *
 * <p>Every random choice comes from one checkpointable generator (minibatches) and a per-step seed of the engine's
 * generator (dropout), so a resumed run continues exactly from a checkpoint's weights, optimizer moments, generator
 * and text position.
 */
final class DtLearner implements TrainingRun.Learner {

    static final String MODEL_FILE = "model.safetensors";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final int VALIDATION_BATCHES = 4;

    private final DtConfig config;
    private final long totalSteps;
    private final long seed;
    private final DtModel model;
    private final AdamW optimizer;
    private final ParameterStore store;
    private final DtWindows windows;
    private final List<DtBatch> validation = new ArrayList<>();
    private final TokenBlocks text;
    private final CheckpointableRandom rng;
    private List<String> nonFinite = List.of();

    DtLearner(DtConfig config, long totalSteps, long seed, DtModel model, DtWindows windows, DtWindows validationWindows,
              TokenBlocks text) {
        this.config = config;
        this.totalSteps = totalSteps;
        this.seed = seed;
        this.model = model;
        this.store = new ParameterStore(model.manager(), false);
        this.optimizer = new AdamW(model.trainable(), new AdamW.Settings(0.9, 0.999, config.adamEps(), config.weightDecay()),
                model.manager());
        this.windows = windows;
        if (validationWindows != null) {
            CheckpointableRandom vr = new CheckpointableRandom(Seeds.derive(seed, 0x7A1));
            for (int i = 0; i < VALIDATION_BATCHES; i++) {
                validation.add(validationWindows.sample(config.batchSize(), vr));
            }
        }
        this.text = text;
        this.rng = new CheckpointableRandom(Seeds.derive(seed, 0xBA7C));
    }

    @Override
    public TrainingRun.Update update(long step, MetricsLog metrics) {
        // dropout masks come from the engine's generator, seeded per step so that a resumed run repeats them
        Engine.getInstance().setRandomSeed((int) Seeds.derive(seed, 0xD70, step));
        DtBatch batch = windows.sample(config.batchSize(), rng);
        Map<String, Double> measured = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray actionLoss = actionLoss(batch, true);                       // ()
                NDArray total = actionLoss;
                if (text != null) {
                    NDArray lmLoss = LanguageModelLoss.loss(model.network().transformer(), store, model.manager(),
                            text.next(config.lmBatchSize()), config.lmBatchSize(), false, true);   // ()
                    measured.put("lm_loss", (double) lmLoss.getFloat());
                    total = actionLoss.add(lmLoss.mul(Scalars.constant(config.lmLossWeight())));
                }
                gc.backward(total);
                measured.put("action_loss", (double) actionLoss.getFloat());
            }
            double norm = model.trainable().clipGradientNorm(config.gradClip());
            scope.suppressNotUsedWarning();
            if (!Double.isFinite(norm)) {
                // a rare non-finite gradient would turn every weight into NaN: skip that update, as mixed-precision
                // training does; the run stops if it keeps happening
                nonFinite = nonFiniteGradients();
                model.trainable().resetGradients(); // multiplying by zero would keep the NaN
                return TrainingRun.Update.skipped(measured);
            }
            measured.put("grad_norm", norm);
            optimizer.step(learningRate(config, step, totalSteps));
            return TrainingRun.Update.applied(measured);
        }
    }

    /**
     * Spec §4.3: linear warm-up from lr/warmup to lr over the first warmup steps, then constant; with the cosine
     * schedule (Atari path) lr · max(min_lr_ratio, ½(1 + cos(π p))) after the warm-up, p the fraction of the
     * remaining steps done.
     */
    static double learningRate(DtConfig config, long s, long totalSteps) {
        if (s < config.warmupSteps()) {
            return config.lr() * s / config.warmupSteps();
        }
        if (config.schedule().equals("constant") || totalSteps <= config.warmupSteps()) {
            return config.lr();
        }
        double p = (double) (s - config.warmupSteps()) / (totalSteps - config.warmupSteps());
        return config.lr() * Math.max(config.minLrRatio(), 0.5 * (1 + Math.cos(Math.PI * p)));
    }

    /**
     * Masked mean squared error over real steps and action dimensions; on the Atari path the masked mean
     * cross-entropy of the logits against the actions taken.
     */
    private NDArray actionLoss(DtBatch b, boolean training) {
        DtInputs in = b.inputs(model.manager());
        NDArray predicted = model.network().predictActions(store, in, training);   // (B, K, A)
        if (model.architecture().pixels() != null) {
            NDArray logProbabilities = predicted.logSoftmax(-1);                   // (B, K, A)
            NDArray taken = in.actions().oneHot(model.architecture().actionSize()); // (B, K, A)
            NDArray nll = logProbabilities.mul(taken).sum(new int[] {-1}).neg().mul(in.mask()); // (B, K)
            return nll.sum().div(in.mask().sum());
        }
        NDArray mask = in.mask().expandDims(-1);                                   // (B, K, 1)
        NDArray squared = predicted.sub(in.actions()).square().mul(mask);          // (B, K, A)
        return squared.sum().div(mask.sum().mul(model.architecture().actionSize()));
    }

    private double validationLoss() {
        double sum = 0;
        try (NDScope scope = new NDScope()) {
            for (DtBatch b : validation) {
                sum += actionLoss(b, false).getFloat();
            }
            scope.suppressNotUsedWarning();
        }
        return sum / validation.size();
    }

    @Override
    public Map<String, Object> logLine(long step, TrainingRun.WindowMeans means) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("action_loss", means.mean("action_loss"));
        if (text != null) {
            line.put("lm_loss", means.mean("lm_loss"));
        }
        if (!validation.isEmpty()) {
            line.put("validation_action_loss", validationLoss());
        }
        line.put("grad_norm", means.mean("grad_norm"));
        line.put("lr", learningRate(config, step, totalSteps));
        return line;
    }

    @Override
    public String progress(TrainingRun.WindowMeans means) {
        return String.format("loss %.4f", means.mean("action_loss"));
    }

    @Override
    public Map<String, Object> checkpointMeasurements(long step) {
        return validation.isEmpty() ? Map.of() : Map.of("validation_action_loss", validationLoss());
    }

    @Override
    public List<String> save(Path folder) throws IOException {
        model.save(folder.resolve(MODEL_FILE));
        optimizer.save(folder.resolve(OPTIMIZER_FILE));
        return List.of(MODEL_FILE, OPTIMIZER_FILE);
    }

    @Override
    public void load(Path folder) throws IOException {
        model.load(folder.resolve(MODEL_FILE));
        optimizer.load(folder.resolve(OPTIMIZER_FILE));
    }

    @Override
    public void saveState(ObjectNode state) {
        state.set("random", Json.mapper().valueToTree(rng.state()));
        state.put("text_position", text == null ? 0 : text.position());
    }

    @Override
    public void loadState(JsonNode state) {
        rng.restore(Json.mapper().convertValue(state.get("random"), long[].class));
        if (text != null) {
            text.seek(state.path("text_position").asInt());
        }
    }

    /** Names where the gradients went non-finite, so that a diverged run says where. */
    private List<String> nonFiniteGradients() {
        List<String> names = new ArrayList<>();
        for (var e : model.trainable().asMap().entrySet()) {
            for (float v : e.getValue().getArray().getGradient().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    names.add(e.getKey());
                    break;
                }
            }
        }
        return names;
    }

    @Override
    public String divergence(long step) {
        return "training diverged at step " + step + ": non-finite gradients in " + TrainingRun.MAX_CONSECUTIVE_SKIPS
                + " consecutive steps, at the last in " + nonFinite.size() + " tensors, first "
                + nonFinite.subList(0, Math.min(3, nonFinite.size())) + "; the last checkpoint is intact (lower lr with "
                + "--set, or resume from it)";
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
