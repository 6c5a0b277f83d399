package dev.lamo.policies.runtime;

import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic action of an MLP actor on the engine: the offline baselines' actor (BC, TD3+BC, IQL, CQL:
 * {@code actor.safetensors}, layers {@code fc0 … out}, states normalised with the run's statistics) and SAC's
 * ({@code actor.safetensors}, layers {@code net_fc0 … net_out}, raw states). ReLU between layers; the action is
 * tanh of the first A outputs mapped onto the action bounds, the only outputs computed in the last layer
 * (the others are log-stds or second heads the action does not use). One row at a time, as {@link DtEngine}.
 */
public final class EngineActorPolicy implements Policy, EngineFlops {

    static final String FILE = "actor.safetensors";

    private final PolicyInfo info;
    private final EngineOps ops;
    private final List<Dense> layers;
    private final float[] mean;
    private final float[] std;
    private final double[] low;
    private final double[] high;
    private final float[] in;
    private final float[] left;
    private final float[] right;

    public EngineActorPolicy(EngineCheckpoint c, EngineOps ops) {
        this.ops = ops;
        boolean sac = c.model() == dev.lamo.policies.registry.Algorithm.EngineModel.SAC_ACTOR;
        BoxSpace space = c.actionSpace();
        this.low = space.low();
        this.high = space.high();
        int a = low.length;
        Path file = c.folder().resolve(FILE);
        NamedTensors t;
        try {
            t = new NamedTensors(Safetensors.read(file).tensors(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String prefix = sac ? "net_" : "";
        int s = sac ? c.observationSize() : c.stateMean().length;
        this.mean = sac ? null : c.stateMean();
        this.std = sac ? null : c.stateStd();
        List<Dense> ls = new ArrayList<>();
        int width = s;
        int widest = s;
        for (int i = 0; t.has(prefix + "fc" + i + "_weight"); i++) {
            int units = (int) t.shape(prefix + "fc" + i + "_weight")[0];
            ls.add(t.linear(prefix + "fc" + i, width, units));
            width = units;
            widest = Math.max(widest, units);
        }
        int outputs = (int) t.shape(prefix + "out_weight")[0];
        if (outputs < a || outputs % a != 0) {
            throw new IllegalArgumentException(file + ": tensor '" + prefix + "out_weight' has " + outputs
                    + " outputs, expected a multiple of the " + a + " actions");
        }
        ls.add(t.linear(prefix + "out", width, outputs));
        this.layers = List.copyOf(ls);
        this.in = new float[s];
        this.left = new float[widest];
        this.right = new float[widest];
        this.info = PolicyInfo.markov(c.config(), s, a, false);
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        int s = info.observationSize();
        int a = info.actionSize();
        if (batch.observationSize() != s || batch.actionSize() != a || batch.hasFrames()) {
            throw new IllegalArgumentException("policy batch of sizes " + batch.observationSize() + "/" + batch.actionSize()
                    + " does not fit a policy of sizes " + s + "/" + a);
        }
        for (int r = 0; r < batch.size(); r++) {
            int offset = batch.lastStateOffset(r);
            for (int d = 0; d < s; d++) {
                float v = batch.states()[offset + d];
                in[d] = mean == null ? v : (v - mean[d]) / std[d];
            }
            float[] x = in;
            float[] y = left;
            int last = layers.size() - 1;
            for (int l = 0; l < last; l++) {
                Dense layer = layers.get(l);
                layer.apply(ops, x, 0, layer.in(), y, 0, layer.out(), 1);
                ops.activate(EngineOps.Activation.RELU, y, 0, layer.out(), 1, layer.out());
                x = y;
                y = y == left ? right : left;
            }
            layers.get(last).applyFirst(ops, x, 0, layers.get(last).in(), y, 0, a, 1, a);
            for (int i = 0; i < a; i++) {
                double unit = Math.tanh(y[i]);
                out[r * a + i] = (float) (low[i] + ((float) unit + 1) * 0.5 * (high[i] - low[i]));
            }
        }
    }

    @Override
    public long flopsPerRow() {
        long f = 0;
        for (int l = 0; l < layers.size() - 1; l++) {
            f += layers.get(l).flops(1);
        }
        Dense last = layers.get(layers.size() - 1);
        return f + 2L * last.in() * info.actionSize();
    }

    @Override
    public long djlFlopsPerRow() {
        Dense last = layers.get(layers.size() - 1);
        return flopsPerRow() + 2L * last.in() * (last.out() - info.actionSize());
    }

    @Override
    public void close() {
    }
}
