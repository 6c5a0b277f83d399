package dev.lamo.policies.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.gpt2.Gpt2Model;
import org.junit.jupiter.api.Test;

class TokenStreamScoreTest {

    private static final int VOCAB = 300;

    private static int[] stream(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (i * 37 + 11) % VOCAB;
        }
        return ids;
    }

    /** An untrained GPT-2 (weights of std 0.02) predicts nearly uniformly: ln(V) nats for every predicted token. */
    @Test
    void everyTokenAfterTheFirstIsPredictedOnceAtAboutLnVocabWhenUntrained() {
        DjlRuntime.configure();
        Gpt2Config config = new Gpt2Config(2, 32, 2, 64, VOCAB, null, "gelu_new", 1e-5, 0.0, 0.0, 0.0);
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1, 32));
            model.initialize(Seeds.rng(3));
            ParameterStore ps = new ParameterStore(m, false);
            int[] ids = stream(103); // 102 predictions: 12 full windows of 8 (one batch of 8, one of 4) and a tail of 6
            TokenStreamScore windows = TokenStreamScore.of(model, ps, m, ids, 8, true);
            TokenStreamScore whole = TokenStreamScore.of(model, ps, m, stream(63), 62, true);
            assertEquals(102, windows.predicted());
            assertEquals(62, whole.predicted());
            assertEquals(Math.log(VOCAB), windows.meanLoss(), 0.05);
            assertEquals(Math.log(VOCAB), whole.meanLoss(), 0.05);
            assertEquals(Math.exp(windows.meanLoss()), windows.perplexity(), 1e-9);
            assertEquals(windows.nats() / Math.log(2) / 400, windows.bitsPerByte(400), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> TokenStreamScore.of(model, ps, m, new int[] {5}, 8, true));
        }
    }

    /** The first prediction of a window sees one token, so a split stream loses context, never tokens. */
    @Test
    void aPrefixScoresTheSameAloneAsInsideItsWindow() {
        DjlRuntime.configure();
        Gpt2Config config = new Gpt2Config(1, 16, 2, 32, VOCAB, null, "gelu_new", 1e-5, 0.0, 0.0, 0.0);
        try (NDManager m = NDManager.newBaseManager()) {
            Gpt2Model model = new Gpt2Model(config, null);
            model.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16));
            model.initialize(Seeds.rng(4));
            ParameterStore ps = new ParameterStore(m, false);
            int[] ids = stream(21);
            // windows of 10: tokens 1..10 from window 0 and 11..20 from window 1, whose first input is token 10
            double split = TokenStreamScore.of(model, ps, m, ids, 10, true).nats();
            double first = TokenStreamScore.of(model, ps, m, java.util.Arrays.copyOfRange(ids, 0, 11), 10, true).nats();
            double second = TokenStreamScore.of(model, ps, m, java.util.Arrays.copyOfRange(ids, 10, 21), 10, true).nats();
            assertEquals(first + second, split, 1e-3);
            assertTrue(first > 0 && second > 0);
        }
    }
}
