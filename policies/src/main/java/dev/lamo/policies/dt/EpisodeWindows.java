package dev.lamo.policies.dt;

import dev.lamo.envs.data.EpisodicDataset;
import java.util.random.RandomGenerator;

/**
 * What Decision Transformer window sampling does alike for vectors ({@link TrajectoryWindows}) and frames
 * ({@link FrameWindows}): draw an episode with probability proportional to its length, with replacement; take up
 * to K steps from a start; give each real step its return-to-go (suffix sum / scale), its timestep (clamped to
 * the table size − 1) and mask 1; leave padding at return 0, timestep 0, mask 0.
 *
 * <p>The rules that differ on purpose belong to the subclasses: where a window starts ({@link #firstStep}), on
 * which side a short window is padded ({@link #padsLeft}), and what the observation and action columns hold
 * ({@link #columns}).
 *
 * @param <D> the dataset kind
 * @param <B> the batch it gives
 */
abstract class EpisodeWindows<D extends EpisodicDataset, B extends DtBatch> implements DtWindows {

    /** The observation and action columns of one batch being filled. */
    protected interface Columns<T> {

        /** Copies dataset row {@code row} into batch slot {@code slot} (slot = window × K + position). */
        void step(int row, int slot);

        /** Fills slot {@code slot} with padding. */
        void pad(int slot);

        /** The batch, given the scalar columns the windows filled. */
        T batch(float[] returns, long[] timesteps, float[] mask);
    }

    protected final D data;
    private final int[] episodes;
    private final EpisodesByLength draw;
    private final double[][] suffixReturns;
    private final int context;
    private final int maxEpisodeLength;
    private final float returnScale;

    /**
     * @param episodes             the dataset's episodes to draw from (training episodes, or held-out ones)
     * @param includeCurrentReward whether a step's return-to-go includes its own reward ({@link ReturnsToGo#of})
     */
    EpisodeWindows(D data, int[] episodes, int context, int maxEpisodeLength, double returnScale,
                   boolean includeCurrentReward) {
        this.data = data;
        this.episodes = episodes;
        this.context = context;
        this.maxEpisodeLength = maxEpisodeLength;
        this.returnScale = (float) returnScale;
        this.suffixReturns = new double[episodes.length][];
        int[] lengths = new int[episodes.length];
        for (int i = 0; i < episodes.length; i++) {
            int e = episodes[i];
            int len = data.episodeLength(e);
            lengths[i] = len;
            suffixReturns[i] = ReturnsToGo.of(t -> data.reward(data.episodeStart(e) + t), len, includeCurrentReward);
        }
        this.draw = new EpisodesByLength(lengths);
    }

    public int context() {
        return context;
    }

    /** The first step of a window in an episode of {@code length} steps, drawn with {@code rng}. */
    protected abstract int firstStep(int length, RandomGenerator rng);

    /** Whether a short window's padding comes before its steps (left) rather than after them (right). */
    protected abstract boolean padsLeft();

    /** Empty observation and action columns for {@code size} windows of K steps. */
    protected abstract Columns<B> columns(int size);

    /** A minibatch of {@code size} windows drawn with {@code rng}. */
    @Override
    public B sample(int size, RandomGenerator rng) {
        int k = context;
        Columns<B> columns = columns(size);
        float[] returns = new float[size * k];
        long[] timesteps = new long[size * k];
        float[] mask = new float[size * k];
        for (int b = 0; b < size; b++) {
            int i = draw.next(rng);
            int e = episodes[i];
            int len = data.episodeLength(e);
            int si = firstStep(len, rng);
            int n = Math.min(k, len - si);
            int lead = padsLeft() ? k - n : 0;
            int start = data.episodeStart(e);
            for (int p = 0; p < k; p++) {
                int slot = b * k + p;
                int q = p - lead;
                if (q < 0 || q >= n) {
                    columns.pad(slot);
                    continue;
                }
                int t = si + q;
                columns.step(start + t, slot);
                returns[slot] = (float) suffixReturns[i][t] / returnScale;
                timesteps[slot] = Math.min(t, maxEpisodeLength - 1);
                mask[slot] = 1f;
            }
        }
        return columns.batch(returns, timesteps, mask);
    }
}
