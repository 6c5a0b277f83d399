package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.DatasetMetadata;
import java.util.Arrays;

/**
 * An offline dataset of a pixel game with discrete actions, stored as single frames (d4rl-atari's
 * {@code stack=False} layout): row i holds the newest frame of the observation the agent saw at step i, the
 * action it took, the reward it received and whether the episode ended there. The stacked observation a
 * model reads (the last {@code frameStack} frames, oldest first) is rebuilt on demand by
 * {@link #copyStack}, so memory holds each frame once instead of four times.
 */
public final class FrameDataset {

    /** What fills a stack's slots before an episode's first frame. */
    public enum StackPadding {
        /**
         * Copies of the episode's first frame: what the environment wrapper shows after a reset (gym's
         * FrameStack), so training inputs match evaluation inputs. The default.
         */
        REPEAT_FIRST,
        /** Zero frames: LaMo's Atari replay buffer. */
        ZEROS
    }

    private final DatasetMetadata metadata;
    private final FrameStore frames;
    private final int[] actions;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final int actionCount;
    private final int frameStack;
    private final int[] episodeStarts;
    private final int[] episodeOf;

    /**
     * Episodes are the runs of rows up to each terminated or truncated flag; the last row must carry one.
     *
     * @param actionCount size of the discrete action space (every action must lie in [0, actionCount))
     * @param frameStack  frames per observation (4)
     */
    public FrameDataset(DatasetMetadata metadata, FrameStore frames, int[] actions, float[] rewards, boolean[] terminated,
                        boolean[] truncated, int actionCount, int frameStack) {
        int n = frames.size();
        require("actions", actions.length, n);
        require("rewards", rewards.length, n);
        require("terminals", terminated.length, n);
        require("timeouts", truncated.length, n);
        if (n == 0) {
            throw new IllegalArgumentException("a frame dataset needs at least one transition");
        }
        if (frameStack < 1) {
            throw new IllegalArgumentException("frame stack must be at least 1, got " + frameStack);
        }
        int episodes = 0;
        for (int i = 0; i < n; i++) {
            if (actions[i] < 0 || actions[i] >= actionCount) {
                throw new IllegalArgumentException("action at row " + i + " is " + actions[i] + ", outside [0, "
                        + actionCount + ")");
            }
            if (terminated[i] && truncated[i]) {
                throw new IllegalArgumentException("row " + i + " is both terminated and truncated");
            }
            if (terminated[i] || truncated[i]) {
                episodes++;
            }
        }
        if (!terminated[n - 1] && !truncated[n - 1]) {
            throw new IllegalArgumentException("the last row (" + (n - 1) + ") ends no episode: terminals or timeouts must "
                    + "be set there");
        }
        this.episodeStarts = new int[episodes + 1];
        this.episodeOf = new int[n];
        int e = 0;
        for (int i = 0; i < n; i++) {
            episodeOf[i] = e;
            if (terminated[i] || truncated[i]) {
                episodeStarts[++e] = i + 1;
            }
        }
        this.metadata = metadata;
        this.frames = frames;
        this.actions = actions;
        this.rewards = rewards;
        this.terminated = terminated;
        this.truncated = truncated;
        this.actionCount = actionCount;
        this.frameStack = frameStack;
    }

    private static void require(String what, int rows, int expected) {
        if (rows != expected) {
            throw new IllegalArgumentException(what + " has " + rows + " rows but there are " + expected + " frames");
        }
    }

    public DatasetMetadata metadata() {
        return metadata;
    }

    public FrameDataset withMetadata(DatasetMetadata m) {
        return new FrameDataset(m, frames, actions, rewards, terminated, truncated, actionCount, frameStack);
    }

    /** Number of transitions. */
    public int size() {
        return rewards.length;
    }

    public int episodes() {
        return episodeStarts.length - 1;
    }

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

    /** Undiscounted return of an episode, summed in double precision. */
    public double episodeReturn(int episode) {
        double sum = 0;
        for (int i = episodeStarts[episode]; i < episodeStarts[episode + 1]; i++) {
            sum += rewards[i];
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

    public int action(int row) {
        return actions[row];
    }

    public float reward(int row) {
        return rewards[row];
    }

    public boolean terminated(int row) {
        return terminated[row];
    }

    public boolean truncated(int row) {
        return truncated[row];
    }

    /** Size of the discrete action space. */
    public int actionCount() {
        return actionCount;
    }

    public int frameStack() {
        return frameStack;
    }

    public int height() {
        return frames.height();
    }

    public int width() {
        return frames.width();
    }

    /** Bytes of one stacked observation: frameStack × height × width. */
    public int stackBytes() {
        return frameStack * frames.frameBytes();
    }

    /** The single frames, row by row. */
    public FrameStore frames() {
        return frames;
    }

    /**
     * Writes the stacked observation of row {@code row} (frames row−frameStack+1 … row of its episode, oldest
     * first, slots before the episode's start filled as {@code padding} says) to {@code out[offset ..]}.
     */
    public void copyStack(int row, StackPadding padding, byte[] out, int offset) {
        int start = episodeStarts[episodeOf[row]];
        int fb = frames.frameBytes();
        for (int s = 0; s < frameStack; s++) {
            int source = row - (frameStack - 1) + s;
            int at = offset + s * fb;
            if (source >= start) {
                frames.copy(source, out, at);
            } else if (padding == StackPadding.REPEAT_FIRST) {
                frames.copy(start, out, at);
            } else {
                Arrays.fill(out, at, at + fb, (byte) 0);
            }
        }
    }

    /** A dataset of the given episodes, in the given order, with the same metadata. */
    public FrameDataset selectEpisodes(int[] episodeIndices) {
        int[] from = new int[episodeIndices.length];
        int[] to = new int[episodeIndices.length];
        int n = 0;
        for (int i = 0; i < episodeIndices.length; i++) {
            from[i] = episodeStarts[episodeIndices[i]];
            to[i] = episodeStarts[episodeIndices[i] + 1];
            n += to[i] - from[i];
        }
        int[] a = new int[n];
        float[] r = new float[n];
        boolean[] term = new boolean[n];
        boolean[] trunc = new boolean[n];
        int pos = 0;
        for (int i = 0; i < from.length; i++) {
            int len = to[i] - from[i];
            System.arraycopy(actions, from[i], a, pos, len);
            System.arraycopy(rewards, from[i], r, pos, len);
            System.arraycopy(terminated, from[i], term, pos, len);
            System.arraycopy(truncated, from[i], trunc, pos, len);
            pos += len;
        }
        return new FrameDataset(metadata, frames.selectRanges(from, to), a, r, term, trunc, actionCount, frameStack);
    }

    @Override
    public String toString() {
        return "FrameDataset[" + metadata.datasetId() + ", " + size() + " transitions, " + episodes() + " episodes, "
                + actionCount + " actions, " + frameStack + "×" + height() + "×" + width() + " frames]";
    }
}
