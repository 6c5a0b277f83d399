package dev.lamo.policies.runtime;

import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.gpt2.Gpt2Config;

/**
 * The Decision Transformer's forward for one episode's window, computing only what its action needs, in
 * buffers of one {@link Workspace} reused across calls. Letters: K context steps, L real steps of the window
 * (1..K), T = 3L − 1 tokens (the last action placeholder is dropped: causality makes it irrelevant), H hidden,
 * I MLP inner size, S state size, A action size.
 *
 * <pre>
 * per real step q: R̂/scale (1), (s − μ)/σ (S), a (A, not for the last step)    gathered           (L, ·)
 * embed_return / embed_state / embed_action, written interleaved              X rows 3q, 3q+1, 3q+2  (T, H)
 * [+ embed_timestep(t) before] embed_ln [+ embed_timestep(t) after, LaMo/DT]                      (T, H)
 * blocks 0 .. n−2: X += proj(attn(ln_1 X)); X += proj2(act(fc(ln_2 X)))                           (T, H)
 * last block: K|V of every token, Q, attention, projection and MLP of the last (state) token only  (1, H)
 * ln_f, head (linear + tanh, or fc0 → GELU → fc1)                                                  (1, A)
 * </pre>
 * Padding steps are not computed at all: GPT-2's additive −10000 key mask gives them weight exactly 0 in
 * float, so the real tokens' outputs are those of the padded window.
 */
final class DtEngine {

    private final EngineOps ops;
    private final DtWeights w;
    private final int k;
    private final int h;
    private final int inner;
    private final int s;
    private final int a;
    private final int heads;
    private final int headSize;
    private final float eps;
    private final float attentionScale;
    private final EngineOps.Activation activation;
    private final float[] mean;
    private final float[] std;
    private final float scale;
    private final int maxTimestep;

    DtEngine(EngineOps ops, DtWeights w, int context, float[] mean, float[] std, float returnScale, int maxEpisodeLength) {
        Gpt2Config g = w.architecture.backbone();
        this.ops = ops;
        this.w = w;
        this.k = context;
        this.h = g.nEmbd();
        this.inner = g.innerSize();
        this.s = w.architecture.stateSize();
        this.a = w.architecture.actionSize();
        this.heads = g.nHead();
        this.headSize = g.headSize();
        this.eps = (float) g.layerNormEpsilon();
        this.attentionScale = (float) (1 / Math.sqrt(headSize));
        this.activation = EngineOps.Activation.ofGpt2(g.activationFunction());
        this.mean = mean;
        this.std = std;
        this.scale = returnScale;
        this.maxTimestep = maxEpisodeLength - 1;
        if (mean.length != s || std.length != s) {
            throw new IllegalArgumentException("state statistics of size " + mean.length + "/" + std.length
                    + " do not fit the model's state size " + s);
        }
    }

    /** The buffers of one thread's forwards, sized once for a full window. */
    final class Workspace {
        final float[] returns = new float[k];
        final float[] states = new float[k * s];
        final float[] actions = new float[k * a];
        final int[] timesteps = new int[k];
        final float[] e1 = new float[k * h];
        final float[] e2 = new float[k * h];
        final float[] x = new float[3 * k * h];
        final float[] y = new float[3 * k * h];
        final float[] qkv = new float[3 * k * 3 * h];
        final float[] att = new float[3 * k * h];
        final float[] mlp = new float[3 * k * inner];
        final float[] scores = new float[EngineOps.attentionScratch(3 * k, headSize)];
    }

    Workspace workspace() {
        return new Workspace();
    }

    /** The action of row r of the batch into {@code out[r·A ..]}. */
    void act(PolicyBatch batch, int r, Workspace ws, float[] out) {
        int len = batch.lengths()[r];
        if (len < 1 || len > k) {
            throw new IllegalArgumentException("row " + r + " has " + len + " real steps; expected 1.." + k);
        }
        gather(batch, r, len, ws);
        int t = 3 * len - 1;
        embed(ws, len, t);
        int last = w.blocks.size() - 1;
        for (int l = 0; l < last; l++) {
            fullBlock(w.blocks.get(l), ws, t);
        }
        lastBlock(w.blocks.get(last), ws, t);
        int xl = (t - 1) * h;
        ops.layerNorm(ws.x, xl, h, ws.y, 0, h, 1, h, w.lnFGamma, w.lnFBeta, eps);
        if (w.headSecond == null) {
            w.headFirst.apply(ops, ws.y, 0, h, out, r * a, a, 1);
            ops.activate(EngineOps.Activation.TANH, out, r * a, a, 1, a);
        } else {
            w.headFirst.apply(ops, ws.y, 0, h, ws.e1, 0, h, 1);
            ops.activate(EngineOps.Activation.GELU_ERF, ws.e1, 0, h, 1, h);
            w.headSecond.apply(ops, ws.e1, 0, h, out, r * a, a, 1);
        }
    }

    /** The real steps' inputs, as DtPolicy prepares them: normalised states, scaled returns, clamped timesteps. */
    private void gather(PolicyBatch batch, int r, int len, Workspace ws) {
        int first = k - len;
        float[] st = batch.states();
        float[] ac = batch.actions();
        for (int q = 0; q < len; q++) {
            int i = r * k + first + q;
            ws.returns[q] = batch.returnsToGo()[i] / scale;
            ws.timesteps[q] = Math.min(batch.timesteps()[i], maxTimestep);
            for (int d = 0; d < s; d++) {
                ws.states[q * s + d] = (st[i * s + d] - mean[d]) / std[d];
            }
            System.arraycopy(ac, i * a, ws.actions, q * a, a);
        }
    }

    private void embed(Workspace ws, int len, int t) {
        int ld = 3 * h;
        token(w.returns, ws.returns, 1, len, ws, 0, ld);
        token(w.states, ws.states, s, len, ws, h, ld);
        token(w.actions, ws.actions, a, len - 1, ws, 2 * h, ld);
        boolean after = w.architecture.timestepAfterLayerNorm();
        if (!after) {
            addTimesteps(ws, t);
        }
        ops.layerNorm(ws.x, 0, h, ws.x, 0, h, t, h, w.lnGamma, w.lnBeta, 1e-5f);
        if (after) {
            addTimesteps(ws, t);
        }
    }

    /** One kind of token for {@code rows} steps, into X rows at {@code off} with stride {@code ld}. */
    private void token(DtWeights.Embedding e, float[] in, int width, int rows, Workspace ws, int off, int ld) {
        if (rows == 0) {
            return;
        }
        if (e.second() == null) {
            e.first().apply(ops, in, 0, width, ws.x, off, ld, rows);
            return;
        }
        e.first().apply(ops, in, 0, width, ws.e1, 0, h, rows);
        System.arraycopy(ws.e1, 0, ws.e2, 0, rows * h);
        ops.activate(EngineOps.Activation.GELU_ERF, ws.e2, 0, h, rows, h);
        e.second().apply(ops, ws.e2, 0, h, ws.x, off, ld, rows);
        ops.add(ws.e1, 0, h, ws.x, off, ld, rows, h);
    }

    private void addTimesteps(Workspace ws, int t) {
        for (int row = 0; row < t; row++) {
            int step = ws.timesteps[row / 3];
            ops.add(w.timestep, step * h, h, ws.x, row * h, h, 1, h);
        }
    }

    private void fullBlock(DtWeights.Block b, Workspace ws, int t) {
        ops.layerNorm(ws.x, 0, h, ws.y, 0, h, t, h, b.ln1Gamma(), b.ln1Beta(), eps);
        b.qkv().apply(ops, ws.y, 0, h, ws.qkv, 0, 3 * h, t);
        ops.causalAttention(ws.qkv, 0, 3 * h, ws.qkv, h, 3 * h, ws.qkv, 2 * h, 3 * h, ws.att, 0, h, t, 0, heads, headSize,
                attentionScale, ws.scores);
        b.proj().apply(ops, ws.att, 0, h, ws.y, 0, h, t);
        ops.add(ws.y, 0, h, ws.x, 0, h, t, h);
        mlp(b, ws, 0, t);
    }

    /** Keys and values for every token; query, attention, projection and MLP for the last one alone. */
    private void lastBlock(DtWeights.Block b, Workspace ws, int t) {
        int ld = 3 * h;
        ops.layerNorm(ws.x, 0, h, ws.y, 0, h, t, h, b.ln1Gamma(), b.ln1Beta(), eps);
        Dense qkv = b.qkv();
        ops.matmul(ws.y, 0, h, qkv.weight(), h, ld, ws.qkv, h, ld, t, 2 * h, h);           // K|V (T, 2H)
        ops.addBias(ws.qkv, h, ld, t, 2 * h, qkv.bias(), h);
        int lastRow = (t - 1) * h;
        int lastQkv = (t - 1) * ld;
        ops.matmul(ws.y, lastRow, h, qkv.weight(), 0, ld, ws.qkv, lastQkv, ld, 1, h, h);   // Q (1, H)
        ops.addBias(ws.qkv, lastQkv, ld, 1, h, qkv.bias(), 0);
        ops.causalAttention(ws.qkv, lastQkv, ld, ws.qkv, h, ld, ws.qkv, 2 * h, ld, ws.att, 0, h, t, t - 1, heads, headSize,
                attentionScale, ws.scores);
        b.proj().apply(ops, ws.att, 0, h, ws.y, 0, h, 1);
        ops.add(ws.y, 0, h, ws.x, lastRow, h, 1, h);
        mlp(b, ws, lastRow, 1);
    }

    /** X rows from {@code off} += proj2(act(fc(ln_2 X))). */
    private void mlp(DtWeights.Block b, Workspace ws, int off, int rows) {
        ops.layerNorm(ws.x, off, h, ws.y, 0, h, rows, h, b.ln2Gamma(), b.ln2Beta(), eps);
        b.fc().apply(ops, ws.y, 0, h, ws.mlp, 0, inner, rows);
        ops.activate(activation, ws.mlp, 0, inner, rows, inner);
        b.fcProj().apply(ops, ws.mlp, 0, inner, ws.y, 0, h, rows);
        ops.add(ws.y, 0, h, ws.x, off, h, rows, h);
    }

    /** Multiply-adds ×2 this engine performs for one full window (products only; what GFLOP/s figures count). */
    long flopsPerWindow() {
        int t = 3 * k - 1;
        long f = 0;
        f += embedFlops(w.returns, k) + embedFlops(w.states, k) + embedFlops(w.actions, k - 1);
        int n = w.blocks.size();
        long attention = 2L * 2 * heads * headSize;                                     // QKᵀ and PV per (query, key)
        for (int l = 0; l < n - 1; l++) {
            DtWeights.Block b = w.blocks.get(l);
            f += b.qkv().flops(t) + b.proj().flops(t) + b.fc().flops(t) + b.fcProj().flops(t);
            f += attention * ((long) t * t);                                           // the full square, masked after
        }
        DtWeights.Block b = w.blocks.get(n - 1);
        f += 2L * t * h * 2 * h + 2L * h * h + attention * t;
        f += b.proj().flops(1) + b.fc().flops(1) + b.fcProj().flops(1);
        f += w.headFirst.flops(1) + (w.headSecond == null ? 0 : w.headSecond.flops(1));
        return f;
    }

    /** What DecisionTransformer.predictLastAction computes: the same plus every token's query and the last action. */
    long djlFlopsPerWindow() {
        int t = 3 * k - 1;
        return flopsPerWindow() + 2L * (t - 1) * h * h + embedFlops(w.actions, 1);
    }

    private static long embedFlops(DtWeights.Embedding e, int rows) {
        return e.first().flops(rows) + (e.second() == null ? 0 : e.second().flops(rows));
    }
}
