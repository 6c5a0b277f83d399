package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.runtime.Dense;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.DtWeights;
import dev.lamo.policies.runtime.EngineOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Decision Transformer's forward on a {@link GpuDevice}, with the CPU engine's ({@code DtEngine}) numerics contract:
 * the same operations per real token, padding keys with weight exactly 0, the last layer trimmed to the last state
 * token. Weights are uploaded once. A batch runs in buckets of E episodes (E = episodesPerCall · 2^i up to the
 * capacity; a batch is padded to its bucket with empty windows, which compute zeros; activation memory is sized for
 * the largest bucket used so far); each bucket's forward, from the
 * pinned inputs to the pinned actions, is captured once into a CUDA graph and replayed for every later batch of that
 * bucket. Letters: E episodes, K steps, T = 3K − 1 tokens (all computed; padding steps get zero inputs), H hidden,
 * I MLP inner, S state, A action, hd head size.
 *
 * <pre>
 * pinned raw windows → device; dt_prepare: (s − μ)/σ, R̂/scale, clamped t; padding → 0            (E, K, ·)
 * embed_return / embed_state / embed_action into interleaved token rows 3q, 3q+1, 3q+2             X (E, T, H)
 * [+ embed_timestep before] embed_ln [+ embed_timestep after]                                        X (E, T, H)
 * blocks 0 .. n−2: X += proj(attn(ln_1 X)); X += proj2(act(fc(ln_2 X)))                             X (E, T, H)
 * last block: K|V of all tokens, Q / attention / proj / MLP of token T−1 only                        X[:, T−1] (E, H)
 * ln_f, head (linear + tanh, or fc0 → GELU → fc1) → pinned actions                                   (E, A)
 * </pre>
 */
public final class GpuDtEngine implements AutoCloseable {

    private final GpuDevice device;
    private final DtWeights w;
    private final Precision precision;
    private final int k;
    private final int tokens;
    private final int h;
    private final int inner;
    private final int s;
    private final int a;
    private final int heads;
    private final int headSize;
    private final float eps;
    private final float attentionScale;
    private final EngineOps.Activation activation;
    private final float returnScale;
    private final int maxTimestep;
    private final int episodesPerCall;
    private final int capacity;
    private final List<Integer> buckets;

    /** The weights' device memory. */
    private final List<DeviceBuffer> owned = new ArrayList<>();
    private final DeviceWeights dw;
    /** Activations and pinned inputs for the largest bucket used so far (grown on demand: GPT-2 small at 4096 is 8 GB). */
    private Buffers buf;
    private ForwardOps ops;
    private final Map<Integer, GpuDevice.Graph> graphs = new TreeMap<>();
    private boolean useGraphs = true;

    /**
     * @param capacity        the largest bucket, in episodes (rounded up to a multiple of episodesPerCall)
     * @param episodesPerCall episodes per GEMM call: fixed for the engine's life, since every call's shape depends on it
     */
    public GpuDtEngine(GpuDevice device, DtSpec spec, Precision precision, int capacity, int episodesPerCall) {
        DtWeights weights = spec.weights();
        Gpt2Config g = weights.architecture.backbone();
        if (episodesPerCall < 1 || capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " and episodes per GEMM call " + episodesPerCall
                    + " must be >= 1");
        }
        if (g.headSize() > 256) {
            throw new IllegalArgumentException("attention.cu handles heads of at most 256 values, got " + g.headSize());
        }
        this.device = device;
        this.w = weights;
        this.precision = precision;
        this.k = spec.context();
        this.tokens = 3 * k - 1;
        this.h = g.nEmbd();
        this.inner = g.innerSize();
        this.s = weights.architecture.stateSize();
        this.a = weights.architecture.actionSize();
        this.heads = g.nHead();
        this.headSize = g.headSize();
        this.eps = (float) g.layerNormEpsilon();
        this.attentionScale = (float) (1 / Math.sqrt(headSize));
        this.activation = EngineOps.Activation.ofGpt2(g.activationFunction());
        this.returnScale = spec.returnScale();
        this.maxTimestep = spec.maxEpisodeLength() - 1;
        this.episodesPerCall = episodesPerCall;
        this.capacity = episodesPerCall * ((capacity + episodesPerCall - 1) / episodesPerCall);
        List<Integer> bs = new ArrayList<>();
        for (int e = episodesPerCall; e < this.capacity; e *= 2) {
            bs.add(e);
        }
        bs.add(this.capacity);
        this.buckets = List.copyOf(bs);
        this.dw = device.run(() -> new DeviceWeights(spec));
        grow(buckets.get(0));
    }

    /**
     * Buffers for buckets up to {@code episodes}: the old ones are freed, and with them the graphs that hold their
     * addresses (each bucket is captured again on its next use).
     */
    private void grow(int episodes) {
        device.run(() -> {
            if (buf != null) {
                device.synchronize();
                graphs.values().forEach(GpuDevice.Graph::close);
                graphs.clear();
                buf.free();
            }
            buf = new Buffers(episodes);
            ops = new ForwardOps(device, precision, episodesPerCall, buf.bf16);
            return null;
        });
    }

    /** The bucket sizes, smallest first. */
    public List<Integer> buckets() {
        return buckets;
    }

    public Precision precision() {
        return precision;
    }

    /** Whether forwards replay a captured graph per bucket (default) or issue every call eagerly (tests compare both). */
    public void useGraphs(boolean on) {
        this.useGraphs = on;
    }

    /** Graphs captured so far, one per bucket used. */
    public int graphCount() {
        return graphs.size();
    }

    /** The smallest bucket holding n episodes (n ≤ capacity). */
    int bucket(int n) {
        for (int b : buckets) {
            if (n <= b) {
                return b;
            }
        }
        throw new IllegalArgumentException(n + " episodes exceed the capacity " + capacity);
    }

    /** How a batch of n episodes runs: its bucket, or chunks of the capacity. */
    String describeBatch(int n) {
        return n <= capacity ? "bucket " + bucket(n) : "chunks of " + capacity;
    }

    /** The actions of the batch's rows into {@code out[r·A ..]}, in chunks of at most the capacity. */
    public void act(PolicyBatch batch, float[] out) {
        if (batch.context() != k || batch.observationSize() != s || batch.actionSize() != a || batch.hasFrames()) {
            throw new IllegalArgumentException("policy batch of context " + batch.context() + ", sizes " + batch.observationSize()
                    + "/" + batch.actionSize() + " does not fit a GPU policy of context " + k + ", sizes " + s + "/" + a);
        }
        for (int from = 0; from < batch.size(); from += capacity) {
            int n = Math.min(capacity, batch.size() - from);
            int e = bucket(n);
            if (e > buf.episodes) {
                grow(e);
            }
            stage(batch, from, n);
            device.run(() -> {
                if (useGraphs) {
                    device.replay(graphs.computeIfAbsent(e, b -> device.capture(() -> forward(b))));
                } else {
                    forward(e);
                }
                device.synchronize();
                return null;
            });
            buf.hostOut.get(0, out, from * a, n * a);
        }
    }

    /** Rows from .. from+n−1 into the pinned inputs; the bucket's other episodes get length 0 (empty windows). */
    private void stage(PolicyBatch batch, int from, int n) {
        buf.hostStates.put(batch.states(), from * k * s, 0, n * k * s);
        buf.hostActions.put(batch.actions(), from * k * a, 0, n * k * a);
        buf.hostReturns.put(batch.returnsToGo(), from * k, 0, n * k);
        buf.hostTimesteps.putInts(batch.timesteps(), from * k, 0, n * k);
        buf.hostLengths.putInts(batch.lengths(), from, 0, n);
        int e = bucket(n);
        if (e > n) {
            buf.hostLengths.putInts(new int[e - n], 0, n, e - n);
        }
    }

    /** Issues the whole forward of E episodes (eagerly, or into a graph being captured). */
    private void forward(int e) {
        device.copyToDevice(buf.hostStates, 0, buf.rawStates.at(0), e * k * s);
        device.copyToDevice(buf.hostActions, 0, buf.rawActions.at(0), e * k * a);
        device.copyToDevice(buf.hostReturns, 0, buf.rawReturns.at(0), e * k);
        device.copyToDevice(buf.hostTimesteps, 0, buf.rawTimesteps.at(0), e * k);
        device.copyToDevice(buf.hostLengths, 0, buf.lengths.at(0), e);
        device.launch(Kernel.DT_PREPARE, Dim3.of(e * k), Dim3.of(ForwardOps.rowThreads(Math.max(s, a))), new KernelArgs()
                .ptr(buf.rawStates.at(0)).ptr(buf.rawActions.at(0)).ptr(buf.rawReturns.at(0)).ptr(buf.rawTimesteps.at(0))
                .ptr(buf.lengths.at(0)).ptr(dw.mean).ptr(dw.std).f32(returnScale).i32(maxTimestep).i32(k).i32(s).i32(a)
                .ptr(buf.states.at(0)).ptr(buf.actions.at(0)).ptr(buf.returns.at(0)).ptr(buf.timesteps.at(0)));
        embed(e);
        for (int l = 0; l < dw.blocks.size() - 1; l++) {
            fullBlock(dw.blocks.get(l), e);
        }
        lastBlock(dw.blocks.get(dw.blocks.size() - 1), e);
        RowView xLast = buf.x().row(tokens - 1);                                                  // (E, H)
        RowView y = RowView.packed(buf.y, h, 1);                                                  // (E, H)
        ops.layerNorm(xLast, y, e, 1, h, dw.lnFGamma, dw.lnFBeta, eps);
        RowView out = RowView.packed(buf.out, a, 1);                                              // (E, A)
        if (dw.headSecond == null) {
            ops.linear(dw.headFirst, y, out, e, 1);
            ops.activate(EngineOps.Activation.TANH, out, out, e, 1, a);
        } else {
            RowView hidden = RowView.packed(buf.e1, h, 1);                                        // (E, H)
            ops.linear(dw.headFirst, y, hidden, e, 1);
            ops.activate(EngineOps.Activation.GELU_ERF, hidden, hidden, e, 1, h);
            ops.linear(dw.headSecond, hidden, out, e, 1);
        }
        device.copyToHost(buf.out.at(0), buf.hostOut, 0, e * a);
    }

    private void embed(int e) {
        RowView x = buf.x();
        RowView tokenRows = new RowView(x.p(), 3 * h, x.es());                                   // rows 3q of (E, T, H)
        token(dw.returns, new RowView(buf.returns.at(0), 1, k), 1, k, tokenRows, e);              // (E, K, 1) → rows 3q
        token(dw.states, new RowView(buf.states.at(0), s, (long) k * s), s, k, tokenRows.column(h), e);      // rows 3q+1
        if (k > 1) {
            token(dw.actions, new RowView(buf.actions.at(0), a, (long) k * a), a, k - 1, tokenRows.column(2 * h), e); // 3q+2
        }
        boolean after = w.architecture.timestepAfterLayerNorm();
        if (!after) {
            ops.addTimesteps(x, buf.timesteps.at(0), dw.timestep, e, k, tokens, h);
        }
        ops.layerNorm(x, x, e, tokens, h, dw.lnGamma, dw.lnBeta, 1e-5f);
        if (after) {
            ops.addTimesteps(x, buf.timesteps.at(0), dw.timestep, e, k, tokens, h);
        }
    }

    /** One kind of token for {@code rows} steps per episode into the token rows {@code target}. */
    private void token(DeviceEmbedding emb, RowView in, int width, int rows, RowView target, int e) {
        if (emb.second == null) {
            ops.linear(emb.first, in, target, e, rows);
            return;
        }
        RowView e1 = RowView.packed(buf.e1, h, k);                                                // (E, K, H)
        RowView e2 = RowView.packed(buf.e2, h, k);                                                // (E, K, H)
        ops.linear(emb.first, in, e1, e, rows);
        ops.activate(EngineOps.Activation.GELU_ERF, e1, e2, e, rows, h);
        ops.linear(emb.second, e2, target, e, rows);
        ops.add(e1, target, e, rows, h);
    }

    private void fullBlock(DeviceBlock b, int e) {
        RowView x = buf.x();                                                                      // (E, T, H)
        RowView y = RowView.packed(buf.y, h, tokens);                                             // (E, T, H)
        RowView qkv = RowView.packed(buf.qkv, 3 * h, tokens);                                     // (E, T, 3H)
        RowView att = RowView.packed(buf.att, h, tokens);                                         // (E, T, H)
        ops.layerNorm(x, y, e, tokens, h, b.ln1Gamma, b.ln1Beta, eps);
        ops.linear(b.qkv, y, qkv, e, tokens);
        ops.attention(qkv, att, buf.lengths.at(0), e, k, tokens, heads, headSize, attentionScale, 0);
        ops.linear(b.proj, att, y, e, tokens);
        ops.add(y, x, e, tokens, h);
        mlp(b, x, e, tokens);
    }

    /** Keys and values of every token; query, attention, projection and MLP of the last (state) token alone. */
    private void lastBlock(DeviceBlock b, int e) {
        RowView x = buf.x();                                                                      // (E, T, H)
        RowView y = RowView.packed(buf.y, h, tokens);                                             // (E, T, H)
        RowView qkv = RowView.packed(buf.qkv, 3 * h, tokens);                                     // (E, T, 3H)
        ops.layerNorm(x, y, e, tokens, h, b.ln1Gamma, b.ln1Beta, eps);
        ops.linear(b.qkv.columns(h, 2 * h), y, qkv.column(h), e, tokens);                         // K|V (E, T, 2H)
        ops.linear(b.qkv.columns(0, h), y.row(tokens - 1), qkv.row(tokens - 1), e, 1);           // Q (E, 1, H)
        RowView att = RowView.packed(buf.att, h, 1);                                              // (E, H)
        ops.attention(qkv, att, buf.lengths.at(0), e, k, tokens, heads, headSize, attentionScale, tokens - 1);
        RowView y1 = RowView.packed(buf.y, h, 1);                                                 // (E, H)
        ops.linear(b.proj, att, y1, e, 1);
        RowView xLast = x.row(tokens - 1);                                                        // (E, H) in X
        ops.add(y1, xLast, e, 1, h);
        mlp(b, xLast, e, 1);
    }

    /** X rows += proj2(act(fc(ln_2 X))) for {@code rows} rows per episode. */
    private void mlp(DeviceBlock b, RowView x, int e, int rows) {
        RowView y = RowView.packed(buf.y, h, rows);                                               // (E, rows, H)
        RowView m = RowView.packed(buf.mlp, inner, rows);                                         // (E, rows, I)
        ops.layerNorm(x, y, e, rows, h, b.ln2Gamma, b.ln2Beta, eps);
        ops.linear(b.fc, y, m, e, rows);
        ops.activate(activation, m, m, e, rows, inner);
        ops.linear(b.fcProj, m, y, e, rows);
        ops.add(y, x, e, rows, h);
    }

    private DeviceBuffer allocate(DType type, long n) {
        DeviceBuffer b = device.allocate(type, n);
        owned.add(b);
        return b;
    }

    private DevicePtr upload(float[] v) {
        DeviceBuffer b = allocate(DType.F32, v.length);
        device.upload(v, b.at(0));
        return b.at(0);
    }

    private record DeviceEmbedding(DeviceDense first, DeviceDense second) {
    }

    private record DeviceBlock(DevicePtr ln1Gamma, DevicePtr ln1Beta, DeviceDense qkv, DeviceDense proj, DevicePtr ln2Gamma,
                               DevicePtr ln2Beta, DeviceDense fc, DeviceDense fcProj) {
    }

    /** The weights in device memory, uploaded once (and rounded to bf16 on the device once, in --precision bf16). */
    private final class DeviceWeights {
        final DeviceEmbedding returns;
        final DeviceEmbedding states;
        final DeviceEmbedding actions;
        final DevicePtr timestep;
        final DevicePtr lnGamma;
        final DevicePtr lnBeta;
        final List<DeviceBlock> blocks = new ArrayList<>();
        final DevicePtr lnFGamma;
        final DevicePtr lnFBeta;
        final DeviceDense headFirst;
        final DeviceDense headSecond;
        final DevicePtr mean;
        final DevicePtr std;

        DeviceWeights(DtSpec spec) {
            returns = embedding(w.returns);
            states = embedding(w.states);
            actions = embedding(w.actions);
            timestep = upload(w.timestep);
            lnGamma = upload(w.lnGamma);
            lnBeta = upload(w.lnBeta);
            for (DtWeights.Block b : w.blocks) {
                blocks.add(new DeviceBlock(upload(b.ln1Gamma()), upload(b.ln1Beta()), dense(b.qkv()), dense(b.proj()),
                        upload(b.ln2Gamma()), upload(b.ln2Beta()), dense(b.fc()), dense(b.fcProj())));
            }
            lnFGamma = upload(w.lnFGamma);
            lnFBeta = upload(w.lnFBeta);
            headFirst = dense(w.headFirst);
            headSecond = w.headSecond == null ? null : dense(w.headSecond);
            mean = upload(spec.stateMean());
            std = upload(spec.stateStd());
            device.synchronize();
        }

        private DeviceEmbedding embedding(DtWeights.Embedding emb) {
            return new DeviceEmbedding(dense(emb.first()), emb.second() == null ? null : dense(emb.second()));
        }

        private DeviceDense dense(Dense d) {
            DevicePtr weight = upload(d.weight());
            DevicePtr bf16 = null;
            if (precision == Precision.BF16) {
                bf16 = allocate(DType.BF16, (long) d.in() * d.out()).at(0);
                device.launch(Kernel.TO_BF16, Dim3.of(d.in()), Dim3.of(ForwardOps.rowThreads(d.out())), new KernelArgs()
                        .ptr(weight).i32(d.out()).i64((long) d.in() * d.out()).i32(d.in()).i32(d.in()).i32(d.out()).ptr(bf16));
            }
            return new DeviceDense(weight, bf16, upload(d.bias()), d.in(), d.out(), d.out());
        }
    }

    /** Activations for E episodes, and the pinned inputs and outputs every bucket's graph reads and writes. */
    private final class Buffers {
        final int episodes;
        private final List<DeviceBuffer> deviceBuffers = new ArrayList<>();
        private final List<HostBuffer> pinned = new ArrayList<>();
        final DeviceBuffer rawStates;
        final DeviceBuffer rawActions;
        final DeviceBuffer rawReturns;
        final DeviceBuffer rawTimesteps;
        final DeviceBuffer lengths;
        final DeviceBuffer states;
        final DeviceBuffer actions;
        final DeviceBuffer returns;
        final DeviceBuffer timesteps;
        final DeviceBuffer e1;
        final DeviceBuffer e2;
        final DeviceBuffer xBuffer;
        final DeviceBuffer y;
        final DeviceBuffer qkv;
        final DeviceBuffer att;
        final DeviceBuffer mlp;
        final DeviceBuffer out;
        final DeviceBuffer bf16;
        final HostBuffer hostStates;
        final HostBuffer hostActions;
        final HostBuffer hostReturns;
        final HostBuffer hostTimesteps;
        final HostBuffer hostLengths;
        final HostBuffer hostOut;

        Buffers(int e) {
            this.episodes = e;
            rawStates = allocate(DType.F32, (long) e * k * s);
            rawActions = allocate(DType.F32, (long) e * k * a);
            rawReturns = allocate(DType.F32, (long) e * k);
            rawTimesteps = allocate(DType.I32, (long) e * k);
            lengths = allocate(DType.I32, e);
            states = allocate(DType.F32, (long) e * k * s);
            actions = allocate(DType.F32, (long) e * k * a);
            returns = allocate(DType.F32, (long) e * k);
            timesteps = allocate(DType.I32, (long) e * k);
            e1 = allocate(DType.F32, (long) e * k * h);
            e2 = allocate(DType.F32, (long) e * k * h);
            xBuffer = allocate(DType.F32, (long) e * tokens * h);
            y = allocate(DType.F32, (long) e * tokens * h);
            qkv = allocate(DType.F32, (long) e * tokens * 3 * h);
            att = allocate(DType.F32, (long) e * tokens * h);
            mlp = allocate(DType.F32, (long) e * tokens * inner);
            out = allocate(DType.F32, (long) e * a);
            bf16 = precision == Precision.BF16
                    ? allocate(DType.BF16, (long) e * tokens * Math.max(Math.max(h, inner), Math.max(s, a))) : null;
            hostStates = pin(DType.F32, e * k * s);
            hostActions = pin(DType.F32, e * k * a);
            hostReturns = pin(DType.F32, e * k);
            hostTimesteps = pin(DType.I32, e * k);
            hostLengths = pin(DType.I32, e);
            hostOut = pin(DType.F32, e * a);
        }

        private DeviceBuffer allocate(DType type, long n) {
            DeviceBuffer b = GpuDtEngine.this.device.allocate(type, n);
            deviceBuffers.add(b);
            return b;
        }

        private HostBuffer pin(DType type, int n) {
            HostBuffer b = GpuDtEngine.this.device.allocateHost(type, n);
            pinned.add(b);
            return b;
        }

        /** The token rows (E, T, H). */
        RowView x() {
            return RowView.packed(xBuffer, h, tokens);
        }

        void free() {
            deviceBuffers.forEach(GpuDtEngine.this.device::free);
            pinned.forEach(GpuDtEngine.this.device::free);
        }
    }

    /** Releases the graphs and the engine's device and pinned memory; the device stays open for other engines. */
    @Override
    public void close() {
        device.run(() -> {
            device.synchronize();
            graphs.values().forEach(GpuDevice.Graph::close);
            graphs.clear();
            owned.forEach(device::free);
            owned.clear();
            buf.free();
            return null;
        });
    }
}
