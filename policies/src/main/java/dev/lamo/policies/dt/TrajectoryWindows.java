package dev.lamo.policies.dt;

import dev.lamo.envs.data.TrajectoryDataset;
import java.util.random.RandomGenerator;

/**
 * Builds Decision Transformer minibatches exactly as LaMo's {@code get_batch} (spec §4.5):
 * <ol>
 *   <li>a trajectory with probability proportional to its length, with replacement;</li>
 *   <li>a start index uniform in [0, T−1] (windows near the end are short);</li>
 *   <li>steps si … si+K−1, cut at the trajectory's end; timesteps clamped to the table size − 1;</li>
 *   <li>returns-to-go: undiscounted suffix sums of rewards that include the current reward, / scale;</li>
 *   <li>left padding to K: states 0 before normalisation (so padded states become −mean/std), actions −10,
 *       returns 0, timesteps 0, mask 0;</li>
 *   <li>states normalised with the dataset's per-dimension mean and std (+1e-6).</li>
 * </ol>
 */
public final class TrajectoryWindows implements DtWindows {

    /** A batch as flat arrays, row-major. */
    public record Batch(int size, int context, float[] states, float[] actions, float[] returns, long[] timesteps,
                        float[] mask) implements DtBatch {

        @Override
        public DtInputs inputs(ai.djl.ndarray.NDManager manager) {
            int steps = size * context;
            return DtPolicy.inputs(manager, this, states.length / steps, actions.length / steps);
        }
    }

    private final TrajectoryDataset data;
    private final int[] episodes;
    private final EpisodesByLength draw;
    private final double[][] suffixReturns;
    private final int context;
    private final int maxEpisodeLength;
    private final float returnScale;
    private final float[] stateMean;
    private final float[] stateStd;

    /**
     * @param episodes the dataset's episodes to draw from (training episodes, or held-out ones)
     */
    public TrajectoryWindows(TrajectoryDataset data, int[] episodes, int context, int maxEpisodeLength, double returnScale,
                             float[] stateMean, float[] stateStd) {
        this.data = data;
        this.episodes = episodes;
        this.context = context;
        this.maxEpisodeLength = maxEpisodeLength;
        this.returnScale = (float) returnScale;
        this.stateMean = stateMean;
        this.stateStd = stateStd;
        this.suffixReturns = new double[episodes.length][];
        int[] lengths = new int[episodes.length];
        for (int i = 0; i < episodes.length; i++) {
            int e = episodes[i];
            int len = data.episodeLength(e);
            lengths[i] = len;
            suffixReturns[i] = ReturnsToGo.of(t -> data.reward(data.episodeStart(e) + t), len, true);
        }
        this.draw = new EpisodesByLength(lengths);
    }

    public int context() {
        return context;
    }

    /** A minibatch of {@code size} windows drawn with {@code rng}. */
    @Override
    public Batch sample(int size, RandomGenerator rng) {
        int s = data.observationSize();
        int a = data.actionSize();
        int k = context;
        float[] states = new float[size * k * s];
        float[] actions = new float[size * k * a];
        float[] returns = new float[size * k];
        long[] timesteps = new long[size * k];
        float[] mask = new float[size * k];
        float[] row = new float[Math.max(s, a)];
        for (int b = 0; b < size; b++) {
            int i = draw.next(rng);
            int e = episodes[i];
            int len = data.episodeLength(e);
            int si = rng.nextInt(len);
            int n = Math.min(k, len - si);
            int pad = k - n;
            int start = data.episodeStart(e);
            for (int p = 0; p < k; p++) {
                int base = b * k + p;
                if (p < pad) {
                    for (int d = 0; d < s; d++) {
                        states[base * s + d] = (0 - stateMean[d]) / stateStd[d];
                    }
                    for (int d = 0; d < a; d++) {
                        actions[base * a + d] = -10f;
                    }
                    continue;
                }
                int t = si + p - pad;
                data.observations().copyRow(start + t, row, 0);
                for (int d = 0; d < s; d++) {
                    states[base * s + d] = (row[d] - stateMean[d]) / stateStd[d];
                }
                data.actions().copyRow(start + t, row, 0);
                System.arraycopy(row, 0, actions, base * a, a);
                returns[base] = (float) suffixReturns[i][t] / returnScale;
                timesteps[base] = Math.min(t, maxEpisodeLength - 1);
                mask[base] = 1f;
            }
        }
        return new Batch(size, k, states, actions, returns, timesteps, mask);
    }

}
