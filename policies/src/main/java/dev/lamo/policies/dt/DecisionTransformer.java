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
import dev.lamo.policies.nn.NamedBlock;
import dev.lamo.policies.pixels.DiscreteActionTokens;
import dev.lamo.policies.pixels.FrameTokens;

/**
 * The Decision Transformer of LaMo's D4RL code, and of its Atari code when the architecture has a
 * {@link DtModel.PixelPath}. Letters: B batch, K context steps, H hidden, S state size, A action size.
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
 *
 * <p>The Atari path (spec §7) differs in its inputs and outputs only: s_t is (F, 84, 84) uint8 frames through
 * the CNN ({@link FrameTokens}), a_t an action index into a table ({@link DiscreteActionTokens}), the head
 * gives logits, the timestep embedding is added before the LayerNorm, and GPT-2's position embeddings are
 * added with positions counted from each row's first real token, so that a left-padded window and the same
 * window unpadded get the same positions.
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
    private final boolean positionEmbeddings;
    private final DtModel.Architecture architecture;
    private final int hidden;
    private final int actionSize;
    private final int maxEpisodeLength;

    public DecisionTransformer(DtModel.Architecture a) {
        Gpt2Config backbone = a.backbone();
        boolean mlp = a.mlpEmbedding();
        this.architecture = a;
        this.hidden = backbone.nEmbd();
        this.actionSize = a.actionSize();
        this.maxEpisodeLength = a.maxEpisodeLength();
        this.timestepAfterLayerNorm = a.timestepAfterLayerNorm();
        this.positionEmbeddings = a.pixels() != null;
        this.transformer = child("transformer", new Gpt2Model(backbone, a.lora()));
        this.embedTimestep = addParameter(Parameter.builder().setName("embed_timestep").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxEpisodeLength, hidden)).build());
        this.embedReturn = child("embed_return", embedding(mlp));
        if (a.pixels() == null) {
            this.embedState = child("embed_state", embedding(mlp));
            this.embedAction = child("embed_action", embedding(mlp));
            this.predictAction = child("predict_action", new ActionHead(hidden, actionSize, mlp));
        } else {
            this.embedState = child("embed_state", new FrameTokens(hidden, mlp));
            this.embedAction = child("embed_action", new DiscreteActionTokens(actionSize, hidden, mlp));
            this.predictAction = child("predict_action", new ActionHead(hidden, actionSize, false, a.pixels().tanhLogits()));
        }
        this.embedLn = child("embed_ln", new HiddenLayerNorm(hidden, 1e-5));
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
        NDArray h = transformer.forwardEmbeddings(ps, tokens, mask, positionEmbeddings, positions(mask), training, false);
        NDArray stateTokens = h.reshape(b, k, 3, hidden).get(":, :, 1");
        return predictAction.forward(ps, new NDList(stateTokens), training).singletonOrThrow();
    }

    /** The action at the last step of each window, computing only what it needs: (B, A). */
    public NDArray predictLastAction(ParameterStore ps, DtInputs in) {
        return predictLastAction(ps, in, null);
    }

    /**
     * The same, with the state tokens given: (B, K, H) outputs of {@link #embedStates} computed earlier (the CNN
     * of a step's frames does not change as its episode goes on), or null to compute them from the states.
     */
    public NDArray predictLastAction(ParameterStore ps, DtInputs in, NDArray stateTokens) {
        NDArray tokens = tokens(ps, in, false, stateTokens);
        NDArray mask = stepsToTokens(in.mask());
        long b = tokens.getShape().get(0);
        long t = tokens.getShape().get(1) - 1; // drop the last action placeholder
        NDArray kept = mask.get(":, :{}", t);
        NDArray h = transformer.forwardEmbeddings(ps, tokens.get(":, :{}", t), kept, positionEmbeddings, positions(kept), false,
                true);
        return predictAction.forward(ps, new NDList(h), false).singletonOrThrow().reshape(b, actionSize);
    }

    /** State tokens of (B, K, …) states, as inference computes them: (B, K, H). */
    public NDArray embedStates(ParameterStore ps, NDArray states) {
        return embedState.forward(ps, new NDList(states), false).singletonOrThrow();
    }

    private NDArray tokens(ParameterStore ps, DtInputs in, boolean training) {
        return tokens(ps, in, training, null);
    }

    private NDArray tokens(ParameterStore ps, DtInputs in, boolean training, NDArray stateTokens) {
        NDArray returns = embedReturn.forward(ps, new NDList(in.returns()), training).singletonOrThrow();
        NDArray states = stateTokens != null ? stateTokens
                : embedState.forward(ps, new NDList(in.states()), training).singletonOrThrow();
        NDArray actions = embedAction.forward(ps, new NDList(in.actions()), training).singletonOrThrow();
        NDArray time = Embedding.embedding(in.timesteps(), ps.getValue(embedTimestep, in.timesteps().getDevice(), training),
                SparseFormat.DENSE).singletonOrThrow();
        long b = in.timesteps().getShape().get(0);
        long k = in.timesteps().getShape().get(1);
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

    /** Position ids counted from each row's first real token (0 before it), or null without position embeddings. */
    private NDArray positions(NDArray tokenMask) {
        if (!positionEmbeddings) {
            return null;
        }
        NDArray counted = tokenMask.toType(DataType.INT64, false).cumSum(1);
        return counted.sub(counted.getManager().create(1L)).maximum(counted.getManager().create(0L));
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
        embedState.initialize(manager, dataType, architecture.stateShape());
        embedAction.initialize(manager, dataType, architecture.pixels() == null ? new Shape(1, 1, actionSize) : new Shape(1, 1));
        embedLn.initialize(manager, dataType, new Shape(1, 1, hidden));
        predictAction.initialize(manager, dataType, new Shape(1, 1, hidden));
    }
}
