package dev.lamo.policies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.NamedBlock;

/**
 * One pre-LayerNorm GPT-2 block: h = h + attn(ln_1(h)); h = h + dropout(c_proj(act(c_fc(ln_2(h))))).
 */
public final class Gpt2Block extends NamedBlock {

    private final Gpt2Config config;
    private final HiddenLayerNorm ln1;
    private final CausalSelfAttention attn;
    private final HiddenLayerNorm ln2;
    private final Conv1d cFc;
    private final Conv1d mlpProj;

    public Gpt2Block(Gpt2Config config, LoraSettings lora) {
        this.config = config;
        int h = config.nEmbd();
        this.ln1 = child("ln_1", new HiddenLayerNorm(h, config.layerNormEpsilon()));
        this.attn = child("attn", new CausalSelfAttention(config, lora));
        this.ln2 = child("ln_2", new HiddenLayerNorm(h, config.layerNormEpsilon()));
        this.cFc = child("mlp_c_fc", new Conv1d(h, config.innerSize()));
        this.mlpProj = child("mlp_c_proj", new Conv1d(config.innerSize(), h));
    }

    public HiddenLayerNorm ln1() {
        return ln1;
    }

    public CausalSelfAttention attn() {
        return attn;
    }

    public HiddenLayerNorm ln2() {
        return ln2;
    }

    public Conv1d cFc() {
        return cFc;
    }

    public Conv1d mlpProj() {
        return mlpProj;
    }

    /** {@code lastQuery}: only the last position is carried forward (the attention still reads every position). */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray padding, boolean training, boolean lastQuery) {
        NDArray a = attn.apply(ps, ln1.apply(ps, x, training), padding, training, lastQuery);
        NDArray h = (lastQuery ? x.get(":, {}:", x.getShape().get(1) - 1) : x).add(a);
        NDArray m = Activations.apply(config.activationFunction(), cFc.apply(ps, ln2.apply(ps, h, training), training));
        m = Dropout.dropout(mlpProj.apply(ps, m, training), (float) config.residPdrop(), training).singletonOrThrow();
        return h.add(m);
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
        Shape s = inputShapes[0];
        ln1.initialize(manager, dataType, s);
        attn.initialize(manager, dataType, s);
        ln2.initialize(manager, dataType, s);
        cFc.initialize(manager, dataType, s);
        mlpProj.initialize(manager, dataType, s.slice(0, s.dimension() - 1).add(config.innerSize()));
    }
}
