package dev.lamo.policies.lm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.gpt2.Gpt2Model;

/**
 * Total next-token cross-entropy of a whole token stream. Windows of {@code context + 1} tokens overlap by one
 * token (window w covers tokens w·context … (w+1)·context), so every token after the first is predicted exactly
 * once, the last window being as short as what is left. Totals, not means, so a caller can divide by tokens
 * (perplexity) or by bytes (bits per byte).
 *
 * @param nats      sum of −ln p(token | preceding tokens in its window) over every predicted token
 * @param predicted how many tokens were predicted (the stream's length − 1)
 */
public record TokenStreamScore(double nats, long predicted) {

    /** Windows scored in one forward pass. */
    private static final int ROWS = 8;

    public double meanLoss() {
        return nats / predicted;
    }

    public double perplexity() {
        return Math.exp(meanLoss());
    }

    /** Bits per byte when the predicted tokens spell {@code bytes} bytes of text. */
    public double bitsPerByte(long bytes) {
        return nats / Math.log(2) / bytes;
    }

    public static TokenStreamScore of(Gpt2Model model, ParameterStore ps, NDManager manager, int[] tokens, int context,
                                      boolean addPositions) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("a stream of " + tokens.length + " tokens has nothing to predict");
        }
        int full = (tokens.length - 1) / context;
        double nats = 0;
        for (int w = 0; w < full; w += ROWS) {
            int rows = Math.min(ROWS, full - w);
            nats += windows(model, ps, manager, tokens, w * context, rows, context, addPositions);
        }
        int rest = tokens.length - 1 - full * context;
        if (rest > 0) {
            nats += windows(model, ps, manager, tokens, full * context, 1, rest, addPositions);
        }
        return new TokenStreamScore(nats, tokens.length - 1L);
    }

    /** Summed loss of {@code rows} consecutive windows predicting {@code length} tokens each, from {@code start}. */
    private static double windows(Gpt2Model model, ParameterStore ps, NDManager manager, int[] tokens, int start, int rows,
                                  int length, boolean addPositions) {
        long[] batch = new long[rows * (length + 1)];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i <= length; i++) {
                batch[r * (length + 1) + i] = tokens[start + r * length + i];
            }
        }
        try (NDScope scope = new NDScope()) {
            double mean = LanguageModelLoss.loss(model, ps, manager, batch, rows, addPositions, false).getFloat();
            scope.suppressNotUsedWarning();
            return mean * rows * length;
        }
    }
}
