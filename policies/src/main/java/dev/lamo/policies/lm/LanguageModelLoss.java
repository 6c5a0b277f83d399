package dev.lamo.policies.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.gpt2.Gpt2Model;

/** Mean next-token cross-entropy of a GPT-2 with its tied LM head over blocks of token ids. */
public final class LanguageModelLoss {

    private LanguageModelLoss() {
    }

    /**
     * @param blocks       token ids, rows × (T + 1): inputs are the first T, targets the last T
     * @param addPositions whether position embeddings are added (LaMo's co-training on the D4RL path does not)
     */
    public static NDArray loss(Gpt2Model model, ParameterStore ps, NDManager manager, long[] blocks, int rows,
                               boolean addPositions, boolean training) {
        int t1 = blocks.length / rows;
        NDArray all = manager.create(blocks, new Shape(rows, t1));
        NDArray inputs = all.get(":, :-1");
        NDArray targets = all.get(":, 1:");
        NDArray hidden = model.forwardEmbeddings(ps, model.embedTokens(ps, inputs, training), null, addPositions, null,
                training, false);
        NDArray logProbs = model.logits(ps, hidden, training).logSoftmax(-1);
        return logProbs.gather(targets.expandDims(-1).toType(DataType.INT64, false), -1).neg().mean();
    }
}
