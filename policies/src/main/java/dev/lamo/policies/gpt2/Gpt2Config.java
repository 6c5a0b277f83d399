package dev.lamo.policies.gpt2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A GPT-2 architecture, with the field names of Hugging Face's {@code config.json} (snake_case in JSON).
 *
 * @param nLayer             transformer blocks
 * @param nEmbd              hidden size
 * @param nHead              attention heads
 * @param nPositions         size of the learned position table (and the longest sequence)
 * @param vocabSize          vocabulary size (token embedding rows)
 * @param nInner             MLP inner size, or null for 4 × nEmbd
 * @param activationFunction {@code gelu_new} (GPT-2's tanh approximation), {@code gelu} (erf) or {@code relu}
 * @param layerNormEpsilon   LayerNorm epsilon
 * @param embdPdrop          dropout on the input embeddings
 * @param attnPdrop          dropout on the attention weights
 * @param residPdrop         dropout on each block's residual branches
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gpt2Config(int nLayer, int nEmbd, int nHead, int nPositions, int vocabSize, Integer nInner,
                         String activationFunction, double layerNormEpsilon, double embdPdrop, double attnPdrop,
                         double residPdrop) {

    public Gpt2Config {
        if (nLayer < 1 || nEmbd < 1 || nHead < 1 || nEmbd % nHead != 0 || nPositions < 1 || vocabSize < 1) {
            throw new IllegalArgumentException("invalid GPT-2 sizes: n_layer " + nLayer + ", n_embd " + nEmbd + ", n_head "
                    + nHead + " (must divide n_embd), n_positions " + nPositions + ", vocab_size " + vocabSize);
        }
        if (activationFunction == null) {
            activationFunction = "gelu_new";
        }
        if (!activationFunction.equals("gelu_new") && !activationFunction.equals("gelu") && !activationFunction.equals("relu")) {
            throw new IllegalArgumentException("unsupported activation_function '" + activationFunction
                    + "'; expected gelu_new, gelu or relu");
        }
    }

    /** GPT-2 small (124M) as Hugging Face's {@code gpt2} checkpoint defines it. */
    public static Gpt2Config gpt2Small() {
        return new Gpt2Config(12, 768, 12, 1024, 50257, null, "gelu_new", 1e-5, 0.1, 0.1, 0.1);
    }

    /** The Decision Transformer's own small trunk (3 layers, 128 hidden, 1 head, ReLU). */
    public static Gpt2Config decisionTransformer(int vocab, int positions) {
        return new Gpt2Config(3, 128, 1, positions, vocab, null, "relu", 1e-5, 0.1, 0.1, 0.1);
    }

    public int innerSize() {
        return nInner == null ? 4 * nEmbd : nInner;
    }

    public int headSize() {
        return nEmbd / nHead;
    }

    public Gpt2Config withDropout(double p) {
        return new Gpt2Config(nLayer, nEmbd, nHead, nPositions, vocabSize, nInner, activationFunction, layerNormEpsilon, p, p, p);
    }
}
