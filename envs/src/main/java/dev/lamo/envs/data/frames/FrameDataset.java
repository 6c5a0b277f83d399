package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.EpisodicDataset;
import java.util.Arrays;

/**
 * An offline dataset of a pixel game with discrete actions, stored as single frames (d4rl-atari's
 * {@code stack=False} layout): row i holds the newest frame of the observation the agent saw at step i, the
 * action it took, the reward it received and whether the episode ended there. The stacked observation a
 * model reads (the last {@code frameStack} frames, oldest first) is rebuilt on demand by
 * {@link #copyStack}, so memory holds each frame once instead of four times. Rewards, flags and episodes are
 * kept as {@link EpisodicDataset} keeps them for both dataset kinds.
 */
public final class FrameDataset extends EpisodicDataset {

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

    private final FrameStore frames;
    private final int[] actions;
    private final int actionCount;
    private final int frameStack;
    private final int[] episodeOf;

    /**
     * Episodes are the runs of rows up to each terminated or truncated flag; the last row must carry one.
     *
     * @param actionCount size of the discrete action space (every action must lie in [0, actionCount))
     * @param frameStack  frames per observation (4)
     */
    public FrameDataset(DatasetMetadata metadata, FrameStore frames, int[] actions, float[] rewards, boolean[] terminated,
                        boolean[] truncated, int actionCount, int frameStack) {
        super(metadata, rewards, terminated, truncated,
                episodeStarts(frames, actions, rewards, terminated, truncated, actionCount, frameStack));
        this.episodeOf = new int[size()];
        for (int e = 0; e < episodes(); e++) {
            Arrays.fill(episodeOf, episodeStart(e), episodeStart(e + 1), e);
        }
        this.frames = frames;
        this.actions = actions;
        this.actionCount = actionCount;
        this.frameStack = frameStack;
    }

    /** The same rows under other metadata, sharing every column. */
    private FrameDataset(FrameDataset d, DatasetMetadata metadata) {
        super(d, metadata);
        this.episodeOf = d.episodeOf;
        this.frames = d.frames;
        this.actions = d.actions;
        this.actionCount = d.actionCount;
        this.frameStack = d.frameStack;
    }

    /** The episode offsets the end flags give, once every column is known to fit. */
    private static int[] episodeStarts(FrameStore frames, int[] actions, float[] rewards, boolean[] terminated,
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
        for (int i = 0; i < n; i++) {
            if (actions[i] < 0 || actions[i] >= actionCount) {
                throw new IllegalArgumentException("action at row " + i + " is " + actions[i] + ", outside [0, "
                        + actionCount + ")");
            }
            if (terminated[i] && truncated[i]) {
                throw new IllegalArgumentException("row " + i + " is both terminated and truncated");
            }
        }
        if (!terminated[n - 1] && !truncated[n - 1]) {
            throw new IllegalArgumentException("the last row (" + (n - 1) + ") ends no episode: terminals or timeouts must "
                    + "be set there");
        }
        return startsAtFlags(terminated, truncated);
    }

    private static void require(String what, int rows, int expected) {
        if (rows != expected) {
            throw new IllegalArgumentException(what + " has " + rows + " rows but there are " + expected + " frames");
        }
    }

    public FrameDataset withMetadata(DatasetMetadata m) {
        return new FrameDataset(this, m);
    }

    public int action(int row) {
        return actions[row];
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
        int start = episodeStart(episodeOf[row]);
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
        Selection picked = select(episodeIndices);
        int[] a = new int[picked.rewards().length];
        for (int i = 0; i < episodeIndices.length; i++) {
            System.arraycopy(actions, picked.from()[i], a, picked.starts()[i], picked.to()[i] - picked.from()[i]);
        }
        return new FrameDataset(metadata(), frames.selectRanges(picked.from(), picked.to()), a, picked.rewards(),
                picked.terminated(), picked.truncated(), actionCount, frameStack);
    }

    @Override
    public String toString() {
        return "FrameDataset[" + metadata().datasetId() + ", " + size() + " transitions, " + episodes() + " episodes, "
                + actionCount + " actions, " + frameStack + "×" + height() + "×" + width() + " frames]";
    }
}
