package dev.lamo.policies.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.policies.djl.DjlRuntime;
import dev.lamo.policies.dt.DtInputs;
import dev.lamo.policies.dt.DtModel;
import dev.lamo.policies.dt.FrameWindows;
import dev.lamo.policies.gpt2.Gpt2Config;
import dev.lamo.policies.lora.LoraSettings;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Atari path of the Decision Transformer: frames and action indices in, logits out, positions per row. */
class PixelDecisionTransformerTest {

    private static FrameDataset data;

    @BeforeAll
    static void play() {
        DjlRuntime.configure();
        data = ArcadeRollouts.play(ArcadeTitle.BREAKOUT, 3, 40, 0.3, 5).data();
    }

    private static DtModel tinyLamo(long seed) {
        Gpt2Config backbone = new Gpt2Config(2, 32, 2, 1024, 1, null, "gelu_new", 1e-5, 0, 0, 0);
        DtModel.Architecture a = new DtModel.Architecture(backbone, new LoraSettings(4, 4, 0, 1), 4, 4, 64, true, false,
                "lora", null, null, new DtModel.PixelPath(false, false));
        return new DtModel(a, Seeds.rng(seed));
    }

    @Test
    void trainsTheEncodersAndAdaptersButNotTheFrozenBackbone() {
        try (DtModel model = tinyLamo(1)) {
            var names = model.trainable().names();
            assertTrue(names.contains("embed_state_encoder_conv1_weight"), names.toString());
            assertTrue(names.contains("embed_action_table"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.contains("lora_")), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.endsWith("c_attn_bias")), "peft leaves the attention bias frozen");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("transformer_") && !n.contains("lora_")), names.toString());
            // one adapter over the whole fused projection: A is (r, H)
            assertArrayEquals(new long[] {4, 32}, model.shapes().get("transformer_h.0_attn_c_attn_lora_A"),
                    model.shapes().keySet().toString());
        }
    }

    @Test
    void aLeftPaddedRowActsAsTheSameWindowUnpadded() {
        try (DtModel model = tinyLamo(2); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            FrameWindows windows = new FrameWindows(data, new int[] {0, 1, 2}, 6, 64, 1.0, FrameDataset.StackPadding.REPEAT_FIRST,
                    false);
            FrameWindows.Batch full = windows.sample(2, Seeds.rng(9));
            // row 0 keeps its last 4 steps, left-padded to 6; row 1 is whole
            FrameWindows.Batch padded = leftPad(full, 0, 4);
            float[] batched = model.network().predictLastAction(ps, padded.inputs(model.manager())).toFloatArray();
            FrameWindows.Batch alone = suffix(full, 0, 4);
            float[] single = model.network().predictLastAction(ps, alone.inputs(model.manager())).toFloatArray();
            for (int d = 0; d < 4; d++) {
                assertEquals(single[d], batched[d], 1e-4, "logit " + d);
            }
            scope.suppressNotUsedWarning();
        }
    }

    @Test
    void withoutPositionsFromTheFirstRealTokenPaddingWouldShiftTheLogits() {
        // the same window with and without two padded steps in front: only the count from the first real token
        // keeps the logits equal, so this guards the position ids themselves
        try (DtModel model = tinyLamo(3); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            FrameWindows windows = new FrameWindows(data, new int[] {0}, 4, 64, 1.0, FrameDataset.StackPadding.REPEAT_FIRST,
                    false);
            FrameWindows.Batch w = windows.sample(1, Seeds.rng(4));
            NDArray positionsOn = model.network().predictLastAction(ps, w.inputs(model.manager()));
            FrameWindows.Batch longer = leftPadTo(w, 6);
            NDArray padded = model.network().predictLastAction(ps, longer.inputs(model.manager()));
            assertArrayEquals(positionsOn.toFloatArray(), padded.toFloatArray(), 1e-4f);
            scope.suppressNotUsedWarning();
        }
    }

    /** Row {@code row} of the batch with only its last {@code keep} steps, left-padded to K. */
    private static FrameWindows.Batch leftPad(FrameWindows.Batch b, int row, int keep) {
        int k = b.context();
        int stack = b.frameStack() * b.height() * b.width();
        byte[] frames = b.frames().clone();
        long[] actions = b.actions().clone();
        float[] returns = b.returns().clone();
        long[] timesteps = b.timesteps().clone();
        float[] mask = b.mask().clone();
        int drop = k - keep;
        int base = row * k;
        // shift the kept steps to the end and pad the front
        System.arraycopy(b.frames(), (base + drop) * stack, frames, (base + drop) * stack, keep * stack);
        Arrays.fill(frames, base * stack, (base + drop) * stack, (byte) 0);
        for (int p = 0; p < drop; p++) {
            actions[base + p] = 0;
            returns[base + p] = 0;
            timesteps[base + p] = 0;
            mask[base + p] = 0;
        }
        return new FrameWindows.Batch(b.size(), k, b.frameStack(), b.height(), b.width(), frames, actions, returns, timesteps,
                mask);
    }

    /** The last {@code keep} steps of row {@code row} as a batch of one with context {@code keep}. */
    private static FrameWindows.Batch suffix(FrameWindows.Batch b, int row, int keep) {
        int k = b.context();
        int stack = b.frameStack() * b.height() * b.width();
        int from = row * k + (k - keep);
        return new FrameWindows.Batch(1, keep, b.frameStack(), b.height(), b.width(),
                Arrays.copyOfRange(b.frames(), from * stack, (from + keep) * stack),
                Arrays.copyOfRange(b.actions(), from, from + keep), Arrays.copyOfRange(b.returns(), from, from + keep),
                Arrays.copyOfRange(b.timesteps(), from, from + keep), Arrays.copyOfRange(b.mask(), from, from + keep));
    }

    /** A batch of one row placed at the end of a longer, left-padded window. */
    private static FrameWindows.Batch leftPadTo(FrameWindows.Batch b, int k) {
        int stack = b.frameStack() * b.height() * b.width();
        int pad = k - b.context();
        byte[] frames = new byte[k * stack];
        System.arraycopy(b.frames(), 0, frames, pad * stack, b.context() * stack);
        long[] actions = new long[k];
        float[] returns = new float[k];
        long[] timesteps = new long[k];
        float[] mask = new float[k];
        System.arraycopy(b.actions(), 0, actions, pad, b.context());
        System.arraycopy(b.returns(), 0, returns, pad, b.context());
        System.arraycopy(b.timesteps(), 0, timesteps, pad, b.context());
        System.arraycopy(b.mask(), 0, mask, pad, b.context());
        return new FrameWindows.Batch(1, k, b.frameStack(), b.height(), b.width(), frames, actions, returns, timesteps, mask);
    }

    @Test
    void logitsCoverEveryActionAndRespondToTheFrames() {
        try (DtModel model = tinyLamo(4); NDScope scope = new NDScope()) {
            ParameterStore ps = new ParameterStore(model.manager(), false);
            FrameWindows windows = new FrameWindows(data, new int[] {0, 1, 2}, 5, 64, 1.0, FrameDataset.StackPadding.REPEAT_FIRST,
                    false);
            FrameWindows.Batch b = windows.sample(3, Seeds.rng(1));
            DtInputs in = b.inputs(model.manager());
            NDArray logits = model.network().predictActions(ps, in, false);
            assertArrayEquals(new long[] {3, 5, 4}, logits.getShape().getShape());
            byte[] inverted = b.frames().clone();
            for (int i = 0; i < inverted.length; i++) {
                inverted[i] = (byte) (255 - (inverted[i] & 0xFF));
            }
            FrameWindows.Batch other = new FrameWindows.Batch(3, 5, 4, 84, 84, inverted, b.actions(), b.returns(),
                    b.timesteps(), b.mask());
            NDArray changed = model.network().predictActions(ps, other.inputs(model.manager()), false);
            assertFalse(Arrays.equals(logits.toFloatArray(), changed.toFloatArray()), "the CNN reads the frames");
            scope.suppressNotUsedWarning();
        }
    }
}
