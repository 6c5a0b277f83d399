package dev.lamo.policies.gpt2;

import dev.lamo.policies.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.lora.LoraConv1d;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.NamedBlock;

/**
 * GPT-2's causal multi-head self-attention. Letters: B batch, T time, H hidden, N heads, D = H / N.
 *
 * <pre>
 * qkv   = c_attn(x)                                  (B, T, 3H), split Q | K | V
 * q,k,v → (B, N, T, D)
 * w     = q · kᵀ / √D                                (B, N, T, T)
 * w     = where(causal, w, −10000) + mask            mask: (B, 1, 1, T), 0 or −10000 (padding)
 * out   = dropout(softmax(w)) · v → (B, T, H) → c_proj → dropout
 * </pre>
 * The causal fill is −10000, not −∞, and the padding mask is added afterwards, as in GPT-2.
 */
public final class CausalSelfAttention extends NamedBlock {

    private static final float MASKED = -10000f;

    private final Gpt2Config config;
    private final Conv1d cAttn;
    private final Conv1d cProj;
    private NDArray causalKeep;
    private NDArray causalFill;
    private int causalSize;

    public CausalSelfAttention(Gpt2Config config, LoraSettings lora) {
        this.config = config;
        int h = config.nEmbd();
        this.cAttn = child("c_attn", lora == null ? new Conv1d(h, 3 * h) : new LoraConv1d(h, 3 * h, lora));
        this.cProj = child("c_proj", new Conv1d(h, h));
    }

    public Conv1d cAttn() {
        return cAttn;
    }

    public Conv1d cProj() {
        return cProj;
    }

    /**
     * @param x         (B, T, H)
     * @param padding   additive padding mask (B, 1, 1, T), or null
     * @param lastQuery compute only the last position's output (inference: only the last state's action is needed)
     */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray padding, boolean training, boolean lastQuery) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int n = config.nHead();
        int d = config.headSize();
        int h = config.nEmbd();
        NDArray qkv = cAttn.apply(ps, x, training);
        NDArray q = qkv.get(":, :, 0:{}", h);
        NDArray k = qkv.get(":, :, {}:{}", h, 2 * h).reshape(b, t, n, d).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(":, :, {}:", 2 * h).reshape(b, t, n, d).transpose(0, 2, 1, 3);
        long tq = lastQuery ? 1 : t;
        if (lastQuery) {
            q = q.get(":, {}:", t - 1);
        }
        q = q.reshape(b, tq, n, d).transpose(0, 2, 1, 3);
        NDArray w = q.matMul(k.transpose(0, 1, 3, 2)).mul(Scalars.constant(1 / Math.sqrt(d)));   // (B, N, Tq, T)
        causalMask((int) t);
        NDArray keep = lastQuery ? causalKeep.get("{}:", t - 1) : causalKeep;
        NDArray fill = lastQuery ? causalFill.get("{}:", t - 1) : causalFill;
        // where(causal, w, -10000) exactly: w·1 + 0 keeps w, w·0 − 10000 is −10000 (broadcast over B and N)
        w = w.mul(keep).add(fill);
        if (padding != null) {
            w = w.add(padding);
        }
        w = w.softmax(-1);
        w = Dropout.dropout(w, (float) config.attnPdrop(), training).singletonOrThrow();
        NDArray out = w.matMul(v).transpose(0, 2, 1, 3).reshape(b, tq, h);
        out = cProj.apply(ps, out, training);
        return Dropout.dropout(out, (float) config.residPdrop(), training).singletonOrThrow();
    }

    /** Lower-triangular (T, T) masks, 1/0 to keep and 0/−10000 to fill, cached per length on the model's manager. */
    private void causalMask(int t) {
        if (causalKeep != null && causalSize == t) {
            return;
        }
        float[] keep = new float[t * t];
        float[] fill = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                keep[i * t + j] = j <= i ? 1f : 0f;
                fill[i * t + j] = j <= i ? 0f : MASKED;
            }
        }
        NDManager owner = cAttn.weight().getArray().getManager();
        if (causalKeep != null) {
            causalKeep.close();
            causalFill.close();
        }
        causalKeep = owner.create(keep, new Shape(t, t));
        causalFill = owner.create(fill, new Shape(t, t));
        ai.djl.ndarray.NDScope.unregister(causalKeep, causalFill);
        causalSize = t;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cAttn.initialize(manager, dataType, inputShapes[0]);
        cProj.initialize(manager, dataType, inputShapes[0]);
    }
}
