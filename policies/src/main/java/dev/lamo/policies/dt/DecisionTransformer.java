package dev.lamo.policies.dt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import dev.lamo.policies.gpt2.HiddenLayerNorm;
import dev.lamo.policies.lora.LoraSettings;
import dev.lamo.policies.nn.NamedBlock;

/**
 * The Decision Transformer of LaMo's D4RL code. Letters: B batch, K context steps, H hidden, S state size,
 * A action size.
 *
 * <pre>
 * per step t the tokens (R̂_t, s_t, a_t):  embed_return(R̂/scale), embed_state(norm s), embed_action(a)  (B, K, H) each
 * interleave                                                                                       (B, 3K, H)
 * LaMo / DT:      embed_ln, then + embed_timestep(t) on all three tokens of step t
 * original DT:    + embed_timestep(t), then embed_ln
 * GPT-2 trunk on the embeddings, no position embeddings, keys masked where the step is padding
 * â_t = predict_action(output at the s_t token)                                                     (B, K, A)
 * </pre>
 * For inference only the last state token's output is needed: the final action placeholder is dropped
 * (causality makes it irrelevant) and the last block computes a single query.
 */
public final class DecisionTransformer extends NamedBlock {

    private final Gpt2Model transformer;
    private final Parameter embedTimestep;
    private final Block embedReturn;
    private final Block embedState;
    private final Block embedAction;
    private final HiddenLayerNorm embedLn;
    private final ActionHead predictAction;
    private final boolean timestepAfterLayerNorm;
    private final int hidden;
    private final int stateSize;
    private final int actionSize;
    private final int maxEpisodeLength;

    public DecisionTransformer(Gpt2Config backbone, LoraSettings lora, int stateSize, int actionSize, int maxEpisodeLength,
                               boolean mlpEmbedding, boolean timestepAfterLayerNorm) {
        this.hidden = backbone.nEmbd();
        this.stateSize = stateSize;
        this.actionSize = actionSize;
        this.maxEpisodeLength = maxEpisodeLength;
        this.timestepAfterLayerNorm = timestepAfterLayerNorm;
        this.transformer = child("transformer", new Gpt2Model(backbone, lora));
        this.embedTimestep = addParameter(Parameter.builder().setName("embed_timestep").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxEpisodeLength, hidden)).build());
        this.embedReturn = child("embed_return", embedding(mlpEmbedding));
        this.embedState = child("embed_state", embedding(mlpEmbedding));
        this.embedAction = child("embed_action", embedding(mlpEmbedding));
        this.embedLn = child("embed_ln", new HiddenLayerNorm(hidden, 1e-5));
        this.predictAction = child("predict_action", new ActionHead(hidden, actionSize, mlpEmbedding));
    }

    private Block embedding(boolean mlp) {
        return mlp ? new ResidualEmbedding(hidden) : Linear.builder().setUnits(hidden).build();
    }

    public Gpt2Model transformer() {
        return transformer;
    }

    public int maxEpisodeLength() {
        return maxEpisodeLength;
    }

    /** Action predictions at every step: (B, K, A). */
    public NDArray predictActions(ParameterStore ps, DtInputs in, boolean training) {
        NDArray tokens = tokens(ps, in, training);
        NDArray mask = stepsToTokens(in.mask());
        long b = tokens.getShape().get(0);
        long k = in.states().getShape().get(1);
        NDArray h = transformer.forwardEmbeddings(ps, tokens, mask, false, null, training, false);
        NDArray stateTokens = h.reshape(b, k, 3, hidden).get(":, :, 1");
        return predictAction.forward(ps, new NDList(stateTokens), training).singletonOrThrow();
    }

    /** The action at the last step of each window, computing only what it needs: (B, A). */
    public NDArray predictLastAction(ParameterStore ps, DtInputs in) {
        NDArray tokens = tokens(ps, in, false);
        NDArray mask = stepsToTokens(in.mask());
        long b = tokens.getShape().get(0);
        long t = tokens.getShape().get(1) - 1; // drop the last action placeholder
        NDArray h = transformer.forwardEmbeddings(ps, tokens.get(":, :{}", t), mask.get(":, :{}", t), false, null, false, true);
        return predictAction.forward(ps, new NDList(h), false).singletonOrThrow().reshape(b, actionSize);
    }

    private NDArray tokens(ParameterStore ps, DtInputs in, boolean training) {
        NDArray returns = embedReturn.forward(ps, new NDList(in.returns()), training).singletonOrThrow();
        NDArray states = embedState.forward(ps, new NDList(in.states()), training).singletonOrThrow();
        NDArray actions = embedAction.forward(ps, new NDList(in.actions()), training).singletonOrThrow();
        NDArray time = Embedding.embedding(in.timesteps(), ps.getValue(embedTimestep, in.states().getDevice(), training),
                SparseFormat.DENSE).singletonOrThrow();
        long b = in.states().getShape().get(0);
        long k = in.states().getShape().get(1);
        if (!timestepAfterLayerNorm) {
            returns = returns.add(time);
            states = states.add(time);
            actions = actions.add(time);
        }
        NDArray stacked = NDArrays.stack(new NDList(returns, states, actions), 2).reshape(b, 3 * k, hidden);
        stacked = embedLn.apply(ps, stacked, training);
        if (timestepAfterLayerNorm) {
            stacked = stacked.add(NDArrays.stack(new NDList(time, time, time), 2).reshape(b, 3 * k, hidden));
        }
        return stacked;
    }

    private static NDArray stepsToTokens(NDArray mask) {
        long b = mask.getShape().get(0);
        long k = mask.getShape().get(1);
        return NDArrays.stack(new NDList(mask, mask, mask), 2).reshape(b, 3 * k);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(predictActions(ps, new DtInputs(inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3),
                inputs.get(4)), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), actionSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        transformer.initialize(manager, dataType, new Shape(1, 1, hidden));
        embedReturn.initialize(manager, dataType, new Shape(1, 1, 1));
        embedState.initialize(manager, dataType, new Shape(1, 1, stateSize));
        embedAction.initialize(manager, dataType, new Shape(1, 1, actionSize));
        embedLn.initialize(manager, dataType, new Shape(1, 1, hidden));
        predictAction.initialize(manager, dataType, new Shape(1, 1, hidden));
    }
}
