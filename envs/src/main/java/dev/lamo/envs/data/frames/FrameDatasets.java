package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.DatasetFormatException;
import java.nio.file.Path;

/** Opens pixel-game datasets: the whole file, or a length-weighted fraction of its trajectories. */
public final class FrameDatasets {

    private FrameDatasets() {
    }

    /**
     * Reads {@code file}; with {@code ratio} below 1 keeps floor(N · ratio) trajectories drawn without
     * replacement with probability proportional to their length (LaMo's Atari buffer), reading only their frames.
     */
    public static FrameDataset open(Path file, double ratio, long seed) {
        throw new DatasetFormatException(file + ": the frame dataset reader is not wired in yet");
    }
}
