package dev.lamo.envs.data.frames;

import java.util.ArrayList;
import java.util.List;

/**
 * Single grey frames (uint8, height × width) kept in fixed-size shards: a million 84×84 frames are 7 GB, more
 * than one Java array holds, and appending never copies what is already stored.
 */
public final class FrameStore {

    /** Frames per shard (57 MB of 84×84 frames). */
    public static final int SHARD_FRAMES = 8192;

    private final int height;
    private final int width;
    private final int frameBytes;
    private final List<byte[]> shards = new ArrayList<>();
    private int size;

    public FrameStore(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + height + "×" + width);
        }
        this.height = height;
        this.width = width;
        this.frameBytes = height * width;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Bytes per frame. */
    public int frameBytes() {
        return frameBytes;
    }

    /** Frames stored. */
    public int size() {
        return size;
    }

    /** Appends the frame at {@code src[offset .. offset + frameBytes)}. */
    public void add(byte[] src, int offset) {
        int within = size % SHARD_FRAMES;
        if (within == 0) {
            shards.add(new byte[SHARD_FRAMES * frameBytes]);
        }
        System.arraycopy(src, offset, shards.get(shards.size() - 1), within * frameBytes, frameBytes);
        size++;
    }

    /** Copies frame {@code i} to {@code dst[offset ..]}. */
    public void copy(int i, byte[] dst, int offset) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + size);
        }
        System.arraycopy(shards.get(i / SHARD_FRAMES), (i % SHARD_FRAMES) * frameBytes, dst, offset, frameBytes);
    }

    /** The frames in {@code [from, to)} of each range, one range after another. */
    public FrameStore selectRanges(int[] from, int[] to) {
        FrameStore out = new FrameStore(height, width);
        byte[] frame = new byte[frameBytes];
        for (int r = 0; r < from.length; r++) {
            for (int i = from[r]; i < to[r]; i++) {
                copy(i, frame, 0);
                out.add(frame, 0);
            }
        }
        return out;
    }
}
