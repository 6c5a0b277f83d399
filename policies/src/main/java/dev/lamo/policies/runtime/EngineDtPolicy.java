package dev.lamo.policies.runtime;

import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.dt.DtModel;

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
        DtModel.Architecture arch = c.architecture();
        if (arch.pixels() != null) {
            throw new IllegalArgumentException(c.folder() + ": the engine runs DT and LaMo on vector observations only");
        }
        int k = c.contextLength();
        float scale = c.returnScale();
        this.engine = new DtEngine(ops, DtWeights.load(arch, c.folder()), k, c.stateMean(), c.stateStd(), scale,
                c.maxEpisodeLength());
        this.info = PolicyInfo.returnConditioned(c.config(), arch.stateSize(), arch.actionSize(), k, scale, false);
        this.workers = new EpisodeWorkers(threads, "engine-" + c.algorithm());
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
