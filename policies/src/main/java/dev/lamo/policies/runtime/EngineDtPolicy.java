package dev.lamo.policies.runtime;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;

/**
 * A trained DT or LaMo on vector observations behind the batched policy interface, on the engine: each
 * row's window is computed by itself ({@link DtEngine}), so its action is the same bits whatever else is in
 * the batch, however large the batch and however many engine threads share it.
 */
public final class EngineDtPolicy implements Policy, EngineFlops {

    private final PolicyInfo info;
    private final DtEngine engine;
    private final EpisodeWorkers workers;
    private final DtEngine.Workspace[] workspaces;
    private PolicyBatch batch;
    private float[] out;
    private final EpisodeWorkers.Job job = this::rows;

    public EngineDtPolicy(EngineCheckpoint c, EngineOps ops, int threads) {
        this(DtSpec.of(c), ops, threads);
    }

    public EngineDtPolicy(DtSpec spec, EngineOps ops, int threads) {
        this.engine = new DtEngine(ops, spec.weights(), spec.context(), spec.stateMean(), spec.stateStd(), spec.returnScale(),
                spec.maxEpisodeLength());
        this.info = spec.info();
        this.workers = new EpisodeWorkers(threads, "engine-" + info.algorithm());
        this.workspaces = new DtEngine.Workspace[threads];
        for (int i = 0; i < threads; i++) {
            workspaces[i] = engine.workspace();
        }
    }

    @Override
    public PolicyInfo info() {
        return info;
    }

    @Override
    public void act(PolicyBatch b, float[] o) {
        if (b.context() != info.contextLength() || b.observationSize() != info.observationSize()
                || b.actionSize() != info.actionSize() || b.hasFrames()) {
            throw new IllegalArgumentException("policy batch of context " + b.context() + ", sizes " + b.observationSize() + "/"
                    + b.actionSize() + " does not fit a policy of context " + info.contextLength() + ", sizes "
                    + info.observationSize() + "/" + info.actionSize());
        }
        this.batch = b;
        this.out = o;
        try {
            workers.run(job, b.size());
        } finally {
            this.batch = null;
            this.out = null;
        }
    }

    private void rows(int worker, int threads, int size) {
        DtEngine.Workspace ws = workspaces[worker];
        for (int r = worker; r < size; r += threads) {
            engine.act(batch, r, ws, out);
        }
    }

    @Override
    public long flopsPerRow() {
        return engine.flopsPerWindow();
    }

    @Override
    public long djlFlopsPerRow() {
        return engine.djlFlopsPerWindow();
    }

    @Override
    public void close() {
        workers.close();
    }
}
