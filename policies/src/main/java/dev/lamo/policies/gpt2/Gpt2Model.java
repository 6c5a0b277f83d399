package dev.lamo.policies.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.lora.LoraConv1d;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.NamedBlock;
import dev.lamo.policies.nn.NamedParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The GPT-2 trunk: token table {@code wte}, position table {@code wpe}, n pre-LayerNorm blocks and the final
 * {@code ln_f}. It runs either on token ids (language modelling; the LM head is {@code wte} itself, tied) or on
 * given input embeddings (the Decision Transformer's tokens). Whether position embeddings are added is the
 * caller's choice: LaMo's D4RL path never adds them; its Atari path does.
 */
public final class Gpt2Model extends NamedBlock {

    private final Gpt2Config config;
    private final LoraSettings lora;
    private final Parameter wte;
    private final Parameter wpe;
    private final List<Gpt2Block> blocks = new ArrayList<>();
    private final HiddenLayerNorm lnF;

    public Gpt2Model(Gpt2Config config, LoraSettings lora) {
        this.config = config;
        this.lora = lora;
        this.wte = addParameter(Parameter.builder().setName("wte").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), config.nEmbd())).build());
        this.wpe = addParameter(Parameter.builder().setName("wpe").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.nPositions(), config.nEmbd())).build());
        for (int i = 0; i < config.nLayer(); i++) {
            blocks.add(child("h." + i, new Gpt2Block(config, lora)));
        }
        this.lnF = child("ln_f", new HiddenLayerNorm(config.nEmbd(), config.layerNormEpsilon()));
    }

    public Gpt2Config config() {
        return config;
    }

    public LoraSettings lora() {
        return lora;
    }

    /** Token embeddings of ids (B, T) → (B, T, H). */
    public NDArray embedTokens(ParameterStore ps, NDArray ids, boolean training) {
        NDArray table = ps.getValue(wte, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Runs the trunk on input embeddings.
     *
     * @param embeddings   (B, T, H)
     * @param mask         (B, T) with 1 for real tokens and 0 for padding, or null
     * @param addPositions add {@code wpe} for positions 0 .. T−1 (starting at each row's first real token when
     *                     {@code positionIds} is given)
     * @param positionIds  (B, T) int64 position per token, or null for 0 .. T−1
     * @param lastOnly     return only the last position's hidden state (B, 1, H)
     * @return hidden states after {@code ln_f}, (B, T, H)
     */
    public NDArray forwardEmbeddings(ParameterStore ps, NDArray embeddings, NDArray mask, boolean addPositions,
                                     NDArray positionIds, boolean training, boolean lastOnly) {
        NDArray h = embeddings;
        if (addPositions) {
            NDArray table = ps.getValue(wpe, h.getDevice(), training);
            NDArray ids = positionIds != null ? positionIds
                    : h.getManager().arange(0, (int) h.getShape().get(1)).toType(DataType.INT64, false);
            h = h.add(Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow());
        }
        h = Dropout.dropout(h, (float) config.embdPdrop(), training).singletonOrThrow();
        NDArray padding = null;
        if (mask != null) {
            long b = mask.getShape().get(0);
            long t = mask.getShape().get(1);
            padding = mask.toType(DataType.FLOAT32, false).neg().add(1).mul(-10000f).reshape(b, 1, 1, t);
        }
        for (int i = 0; i < blocks.size(); i++) {
            boolean last = lastOnly && i == blocks.size() - 1;
            h = blocks.get(i).apply(ps, h, padding, training, last);
        }
        return lnF.apply(ps, h, training);
    }

    /** Next-token logits of the tied LM head: hidden (B, T, H) · wteᵀ → (B, T, V). */
    public NDArray logits(ParameterStore ps, NDArray hidden, boolean training) {
        return hidden.matMul(ps.getValue(wte, hidden.getDevice(), training).transpose());
    }

    /** Every parameter under its Hugging Face name ({@code h.0.attn.c_attn.weight}, ...), LoRA tensors included. */
    public Map<String, Parameter> huggingFaceParameters() {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("wte.weight", wte);
        m.put("wpe.weight", wpe);
        for (int i = 0; i < blocks.size(); i++) {
            Gpt2Block b = blocks.get(i);
            String p = "h." + i + ".";
            m.put(p + "ln_1.weight", b.ln1().weight());
            m.put(p + "ln_1.bias", b.ln1().bias());
            m.put(p + "attn.c_attn.weight", b.attn().cAttn().weight());
            m.put(p + "attn.c_attn.bias", b.attn().cAttn().bias());
            if (b.attn().cAttn() instanceof LoraConv1d l) {
                m.put(p + "attn.c_attn.lora_A", l.loraA());
                m.put(p + "attn.c_attn.lora_B", l.loraB());
            }
            m.put(p + "attn.c_proj.weight", b.attn().cProj().weight());
            m.put(p + "attn.c_proj.bias", b.attn().cProj().bias());
            m.put(p + "ln_2.weight", b.ln2().weight());
            m.put(p + "ln_2.bias", b.ln2().bias());
            m.put(p + "mlp.c_fc.weight", b.cFc().weight());
            m.put(p + "mlp.c_fc.bias", b.cFc().bias());
            m.put(p + "mlp.c_proj.weight", b.mlpProj().weight());
            m.put(p + "mlp.c_proj.bias", b.mlpProj().bias());
        }
        m.put("ln_f.weight", lnF.weight());
        m.put("ln_f.bias", lnF.bias());
        return m;
    }

    /**
     * GPT-2's initialisation from our generator: weights and tables N(0, 0.02), output projections of each
     * residual branch N(0, 0.02/√(2·n_layer)), biases 0, LayerNorm 1 and 0; LoRA A uniform in ±1/√in
     * (kaiming-uniform, a = √5) and B zero.
     */
    public void initialize(RandomGenerator rng) {
        double projStd = 0.02 / Math.sqrt(2.0 * config.nLayer());
        for (Map.Entry<String, Parameter> e : huggingFaceParameters().entrySet()) {
            String name = e.getKey();
            NDArray a = e.getValue().getArray();
            int n = (int) a.size();
            float[] v = new float[n];
            if (name.endsWith("lora_A")) {
                double bound = 1 / Math.sqrt(a.getShape().get(1));
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                }
            } else if (name.endsWith("lora_B") || name.endsWith(".bias")) {
                // zeros
            } else if (name.startsWith("ln") || name.contains(".ln_")) {
                java.util.Arrays.fill(v, 1f);
            } else {
                double std = name.endsWith("c_proj.weight") ? projStd : 0.02;
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (std * rng.nextGaussian());
                }
            }
            a.set(java.nio.FloatBuffer.wrap(v));
        }
    }

    /** Our parameter set under Hugging Face names. */
    public NamedParameters huggingFaceNamed() {
        return NamedParameters.ofMap(huggingFaceParameters());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forwardEmbeddings(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, false, null,
                training, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(1, 1, config.nEmbd());
        for (Gpt2Block b : blocks) {
            b.initialize(manager, dataType, s);
        }
        lnF.initialize(manager, dataType, s);
    }
}
