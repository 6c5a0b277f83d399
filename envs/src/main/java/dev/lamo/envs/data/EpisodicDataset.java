package dev.lamo.envs.data;

/**
 * What both kinds of offline dataset keep per row and per episode, whatever their observations are
 * ({@link TrajectoryDataset}: vectors, {@link dev.lamo.envs.data.frames.FrameDataset}: frames): the reward and
 * end flags of each row, the episode offsets, and what follows from them (lengths, returns, the rows of chosen
 * episodes).
 *
 * <p>Every episode is complete: {@code terminated[t]} or {@code truncated[t]} is set exactly on its last row
 * (never both).
 */
public abstract class EpisodicDataset {

    private final DatasetMetadata metadata;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final int[] episodeStarts;

    /**
     * @param episodeStarts first row of each episode, then the total row count (length episodes + 1)
     * @throws IllegalArgumentException if the offsets do not cut the rows into complete episodes
     */
    protected EpisodicDataset(DatasetMetadata metadata, float[] rewards, boolean[] terminated, boolean[] truncated,
                              int[] episodeStarts) {
        int n = rewards.length;
        if (episodeStarts.length < 2 || episodeStarts[0] != 0 || episodeStarts[episodeStarts.length - 1] != n) {
            throw new IllegalArgumentException("episode offsets must start at 0 and end at the row count " + n);
        }
        for (int e = 0; e + 1 < episodeStarts.length; e++) {
            int start = episodeStarts[e];
            int end = episodeStarts[e + 1];
            if (end <= start) {
                throw new IllegalArgumentException("episode " + e + " is empty");
            }
            for (int r = start; r < end - 1; r++) {
                if (terminated[r] || truncated[r]) {
                    throw new IllegalArgumentException("episode " + e + " has an end flag at row " + r + " before its last row");
                }
            }
            if (terminated[end - 1] == truncated[end - 1]) {
                throw new IllegalArgumentException("episode " + e + " must end with exactly one of terminated or truncated");
            }
        }
        this.metadata = metadata;
        this.rewards = rewards;
        this.terminated = terminated;
        this.truncated = truncated;
        this.episodeStarts = episodeStarts;
    }

    /** The same rows and episodes under other metadata, sharing the columns. */
    protected EpisodicDataset(EpisodicDataset rows, DatasetMetadata metadata) {
        this.metadata = metadata;
        this.rewards = rows.rewards;
        this.terminated = rows.terminated;
        this.truncated = rows.truncated;
        this.episodeStarts = rows.episodeStarts;
    }

    /** Episode offsets given as longs (as HDF5 files and readers hold them), as the ints rows are indexed by. */
    protected static int[] intOffsets(long[] episodeStarts) {
        int[] out = new int[episodeStarts.length];
        for (int e = 0; e < out.length; e++) {
            if (episodeStarts[e] < 0 || episodeStarts[e] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("episode offset " + e + " is " + episodeStarts[e] + ", outside the rows");
            }
            out[e] = (int) episodeStarts[e];
        }
        return out;
    }

    /** Offsets of the episodes that end at each row with an end flag (the last row must carry one). */
    protected static int[] startsAtFlags(boolean[] terminated, boolean[] truncated) {
        int episodes = 0;
        for (int i = 0; i < terminated.length; i++) {
            episodes += terminated[i] || truncated[i] ? 1 : 0;
        }
        int[] starts = new int[episodes + 1];
        int e = 0;
        for (int i = 0; i < terminated.length; i++) {
            if (terminated[i] || truncated[i]) {
                starts[++e] = i + 1;
            }
        }
        return starts;
    }

    public DatasetMetadata metadata() {
        return metadata;
    }

    /** Number of transitions. */
    public int size() {
        return rewards.length;
    }

    public int episodes() {
        return episodeStarts.length - 1;
    }

    /** First row of an episode; {@code episodeStart(episodes())} is the row count. */
    public int episodeStart(int episode) {
        return episodeStarts[episode];
    }

    public int episodeLength(int episode) {
        return episodeStarts[episode + 1] - episodeStarts[episode];
    }

    public int[] episodeLengths() {
        int[] out = new int[episodes()];
        for (int e = 0; e < out.length; e++) {
            out[e] = episodeLength(e);
        }
        return out;
    }

    public boolean episodeTerminated(int episode) {
        return terminated[episodeStarts[episode + 1] - 1];
    }

    /** How many episodes end terminated (the others end truncated). */
    public int terminatedEpisodes() {
        int n = 0;
        for (int e = 0; e < episodes(); e++) {
            n += episodeTerminated(e) ? 1 : 0;
        }
        return n;
    }

    /** Undiscounted return of an episode, summed in double precision. */
    public double episodeReturn(int episode) {
        double sum = 0;
        for (int r = episodeStarts[episode]; r < episodeStarts[episode + 1]; r++) {
            sum += rewards[r];
        }
        return sum;
    }

    public double[] episodeReturns() {
        double[] out = new double[episodes()];
        for (int e = 0; e < out.length; e++) {
            out[e] = episodeReturn(e);
        }
        return out;
    }

    public float reward(int row) {
        return rewards[row];
    }

    public float[] rewards() {
        return rewards.clone();
    }

    public boolean terminated(int row) {
        return terminated[row];
    }

    public boolean truncated(int row) {
        return truncated[row];
    }

    /**
     * The rows of some episodes, in the order given: episode i's rows are {@code from[i]} … {@code to[i] − 1} here,
     * and its rewards and flags are copied into the new columns, which {@code starts} cuts into episodes.
     */
    protected record Selection(int[] from, int[] to, float[] rewards, boolean[] terminated, boolean[] truncated,
                               int[] starts) {
    }

    /** Where the given episodes' rows are, with their rewards and flags copied one episode after another. */
    protected Selection select(int[] episodeIndices) {
        int[] from = new int[episodeIndices.length];
        int[] to = new int[episodeIndices.length];
        int[] starts = new int[episodeIndices.length + 1];
        for (int i = 0; i < episodeIndices.length; i++) {
            from[i] = episodeStarts[episodeIndices[i]];
            to[i] = episodeStarts[episodeIndices[i] + 1];
            starts[i + 1] = starts[i] + (to[i] - from[i]);
        }
        int n = starts[episodeIndices.length];
        float[] r = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        for (int i = 0; i < from.length; i++) {
            int len = to[i] - from[i];
            System.arraycopy(rewards, from[i], r, starts[i], len);
            System.arraycopy(terminated, from[i], term, starts[i], len);
            System.arraycopy(truncated, from[i], trunc, starts[i], len);
        }
        return new Selection(from, to, r, term, trunc, starts);
    }
}
