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
 */
public final class FrameWindows implements DtWindows {

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

    private final FrameDataset data;
    private final int[] episodes;
    private final EpisodesByLength draw;
    private final double[][] suffixReturns;
    private final int context;
    private final int maxEpisodeLength;
    private final float returnScale;
    private final FrameDataset.StackPadding padding;

    /**
     * @param episodes                 the dataset's episodes to draw from
     * @param rtgExcludesCurrentReward the original Atari code's training return-to-go (a quirk, off by default)
     */
    public FrameWindows(FrameDataset data, int[] episodes, int context, int maxEpisodeLength, double returnScale,
                        FrameDataset.StackPadding padding, boolean rtgExcludesCurrentReward) {
        this.data = data;
        this.episodes = episodes;
        this.context = context;
        this.maxEpisodeLength = maxEpisodeLength;
        this.returnScale = (float) returnScale;
        this.padding = padding;
        this.suffixReturns = new double[episodes.length][];
        int[] lengths = new int[episodes.length];
        for (int i = 0; i < episodes.length; i++) {
            int e = episodes[i];
            int len = data.episodeLength(e);
            lengths[i] = len;
            suffixReturns[i] = ReturnsToGo.of(t -> data.reward(data.episodeStart(e) + t), len, !rtgExcludesCurrentReward);
        }
        this.draw = new EpisodesByLength(lengths);
    }

    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int k = context;
        int stack = data.stackBytes();
        byte[] frames = new byte[size * k * stack];
        long[] actions = new long[size * k];
        float[] returns = new float[size * k];
        long[] timesteps = new long[size * k];
        float[] mask = new float[size * k];
        for (int b = 0; b < size; b++) {
            int i = draw.next(rng);
            int e = episodes[i];
            int len = data.episodeLength(e);
            int si = Math.max(0, (int) Math.floor(rng.nextDouble() * (len - k)));
            int n = Math.min(k, len - si);
            int start = data.episodeStart(e);
            for (int p = 0; p < n; p++) {
                int t = si + p;
                int at = b * k + p;
                data.copyStack(start + t, padding, frames, at * stack);
                actions[at] = data.action(start + t);
                returns[at] = (float) suffixReturns[i][t] / returnScale;
                timesteps[at] = Math.min(t, maxEpisodeLength - 1);
                mask[at] = 1f;
            }
        }
        return new Batch(size, k, data.frameStack(), data.height(), data.width(), frames, actions, returns, timesteps, mask);
    }

}
