package dev.lamo.policies.runtime;

import dev.lamo.policies.PolicyInfo;

/**
 * Everything a DT or LaMo forward reads besides the batch: the weights and the run's input conventions. Built from a
 * checkpoint ({@link #of}) or from a seed ({@link SeededDtWeights}) for checks that regenerate a model elsewhere.
 */
public record DtSpec(DtWeights weights, PolicyInfo info, int context, float[] stateMean, float[] stateStd, float returnScale,
                     int maxEpisodeLength) {

    public DtSpec {
        int s = weights.architecture.stateSize();
        if (stateMean.length != s || stateStd.length != s) {
            throw new IllegalArgumentException("state statistics of size " + stateMean.length + "/" + stateStd.length
                    + " do not fit the model's state size " + s);
        }
        if (context < 1 || info.contextLength() != context) {
            throw new IllegalArgumentException("context " + context + " does not fit the policy's " + info.contextLength());
        }
    }

    /** {@link EngineFlops#flopsPerRow()} of this model: the products of one full window's useful work. */
    public long flopsPerWindow() {
        return engine().flopsPerWindow();
    }

    /** {@link EngineFlops#djlFlopsPerRow()} of this model. */
    public long djlFlopsPerWindow() {
        return engine().djlFlopsPerWindow();
    }

    private DtEngine engine() {
        return new DtEngine(new VectorOps(), weights, context, stateMean, stateStd, returnScale, maxEpisodeLength);
    }

    /** A trained DT or LaMo run's checkpoint on vector observations. */
    public static DtSpec of(EngineCheckpoint c) {
        var arch = c.architecture();
        if (arch.pixels() != null) {
            throw new IllegalArgumentException(c.folder() + ": the engine runs DT and LaMo on vector observations only");
        }
        int k = c.contextLength();
        float scale = c.returnScale();
        PolicyInfo info = PolicyInfo.returnConditioned(c.config(), arch.stateSize(), arch.actionSize(), k, scale, false);
        return new DtSpec(DtWeights.load(arch, c.folder()), info, k, c.stateMean(), c.stateStd(), scale, c.maxEpisodeLength());
    }
}
