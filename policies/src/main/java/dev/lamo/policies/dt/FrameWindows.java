package dev.lamo.policies.dt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.lamo.envs.data.frames.FrameDataset;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * Builds Atari Decision Transformer minibatches as LaMo's Atari buffer does (spec §7):
 * <ol>
 *   <li>a trajectory with probability proportional to its length, with replacement;</li>
 *   <li>a start index floor(U · (T − K)), clipped at 0, so windows are full unless the trajectory is shorter
 *       than K;</li>
 *   <li>steps si … si+K−1 cut at the trajectory's end, then <em>right</em>-padded: zero frames, action 0,
 *       return 0, timestep 0, mask 0 (the mask keeps padding out of the loss; causality keeps it out of the
 *       real steps' outputs);</li>
 *   <li>each step's stacked frames rebuilt from single frames ({@link FrameDataset#copyStack});</li>
 *   <li>returns-to-go: suffix sums of raw rewards that include the current reward (as evaluation computes
 *       them), or, with the original code's quirk, exclude it; timesteps clamped to the table size − 1.</li>
 * </ol>
 * The draw, the returns-to-go, timesteps and mask are {@link EpisodeWindows}', shared with the vector lane; the
 * start, the right padding and the frame columns are this lane's own.
 */
public final class FrameWindows extends EpisodeWindows<FrameDataset, FrameWindows.Batch> {

    /** A batch as flat arrays, row-major: frames (B, K, F, 84, 84) uint8, action indices (B, K). */
    public record Batch(int size, int context, int frameStack, int height, int width, byte[] frames, long[] actions,
                        float[] returns, long[] timesteps, float[] mask) implements DtBatch {

        @Override
        public DtInputs inputs(NDManager m) {
            NDArray frameArray = m.create(ByteBuffer.wrap(frames), new Shape(size, context, frameStack, height, width),
                    DataType.UINT8);
            return new DtInputs(frameArray, m.create(actions, new Shape(size, context)),
                    m.create(returns, new Shape(size, context, 1)), m.create(timesteps, new Shape(size, context)),
                    m.create(mask, new Shape(size, context)));
        }
    }

    private final FrameDataset.StackPadding padding;

    /**
     * @param episodes                 the dataset's episodes to draw from
     * @param rtgExcludesCurrentReward the original Atari code's training return-to-go (a quirk, off by default)
     */
    public FrameWindows(FrameDataset data, int[] episodes, int context, int maxEpisodeLength, double returnScale,
                        FrameDataset.StackPadding padding, boolean rtgExcludesCurrentReward) {
        super(data, episodes, context, maxEpisodeLength, returnScale, !rtgExcludesCurrentReward);
        this.padding = padding;
    }

    @Override
    protected int firstStep(int length, RandomGenerator rng) {
        return Math.max(0, (int) Math.floor(rng.nextDouble() * (length - context())));
    }

    @Override
    protected boolean padsLeft() {
        return false;
    }

    @Override
    protected Columns<Batch> columns(int size) {
        return new FrameColumns(size);
    }

    /** Stacked frames and action indices; padding is zero frames and action 0, as the arrays start. */
    private final class FrameColumns implements Columns<Batch> {

        private final int size;
        private final int stack = data.stackBytes();
        private final byte[] frames;
        private final long[] actions;

        FrameColumns(int size) {
            this.size = size;
            this.frames = new byte[size * context() * stack];
            this.actions = new long[size * context()];
        }

        @Override
        public void step(int row, int slot) {
            data.copyStack(row, padding, frames, slot * stack);
            actions[slot] = data.action(row);
        }

        @Override
        public void pad(int slot) {
            // zero frames and action 0 are what the arrays hold already
        }

        @Override
        public Batch batch(float[] returns, long[] timesteps, float[] mask) {
            return new Batch(size, context(), data.frameStack(), data.height(), data.width(), frames, actions, returns,
                    timesteps, mask);
        }
    }
}
