package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.EngineFlops;

/**
 * A DT or LaMo on vector observations behind the batched policy interface, on a GPU ({@link GpuDtEngine}): each
 * row's action is computed from its own window by calls whose shapes do not depend on the batch, so it is the same
 * bits whatever else is in the batch.
 */
public final class GpuDtPolicy implements Policy, EngineFlops {

    /** Episodes per GEMM call: every call of the forward has this batch count (see {@link ForwardOps}). */
    public static final int EPISODES_PER_CALL = 8;
    /** The largest bucket: larger batches run in chunks of this many episodes. */
    public static final int CAPACITY = 4096;

    private final DtSpec spec;
    private final GpuDtEngine engine;

    public GpuDtPolicy(GpuDevice device, DtSpec spec, Precision precision, int capacity, int episodesPerCall) {
        this.spec = spec;
        this.engine = new GpuDtEngine(device, spec, precision, capacity, episodesPerCall);
    }

    /** On the process's GPU with the default bucket sizes. */
    public static GpuDtPolicy onGpu(DtSpec spec, Precision precision) {
        return new GpuDtPolicy(CudaDevice.shared(), spec, precision, CAPACITY, EPISODES_PER_CALL);
    }

    public GpuDtEngine engine() {
        return engine;
    }

    @Override
    public PolicyInfo info() {
        return spec.info();
    }

    @Override
    public void act(PolicyBatch batch, float[] out) {
        engine.act(batch, out);
    }

    @Override
    public long flopsPerRow() {
        return spec.flopsPerWindow();
    }

    @Override
    public long djlFlopsPerRow() {
        return spec.djlFlopsPerWindow();
    }

    @Override
    public void close() {
        engine.close();
    }
}
