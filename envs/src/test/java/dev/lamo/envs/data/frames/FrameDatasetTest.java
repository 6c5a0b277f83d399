package dev.lamo.envs.data.frames;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.frames.FrameDataset.StackPadding;
import org.junit.jupiter.api.Test;

class FrameDatasetTest {

    private static final int H = 2;
    private static final int W = 3;

    /** Frames of 2×3 bytes, every byte of frame i equal to i + 1, so a stack shows which rows it was built from. */
    static FrameStore frames(int n) {
        FrameStore s = new FrameStore(H, W);
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[H * W];
            java.util.Arrays.fill(f, (byte) (i + 1));
            s.add(f, 0);
        }
        return s;
    }

    /** Episodes of 3 (terminated), 3 (truncated) and 1 (terminated) steps. */
    private static FrameDataset sample() {
        boolean[] term = {false, false, true, false, false, false, true};
        boolean[] trunc = {false, false, false, false, false, true, false};
        return new FrameDataset(DatasetMetadata.of("t", "generated", null, null), frames(7), new int[] {0, 1, 2, 3, 0, 1, 2},
                new float[] {1, 2, 3, 4, 5, 6, 7}, term, trunc, 4, 3);
    }

    /** Which frame (row + 1, 0 for a zero frame) fills each slot of a stack. */
    private static int[] slots(FrameDataset d, int row, StackPadding padding) {
        byte[] out = new byte[d.stackBytes() + 2];
        out[0] = 99;
        out[out.length - 1] = 99;
        d.copyStack(row, padding, out, 1);
        assertEquals(99, out[0], "nothing written before the offset");
        assertEquals(99, out[out.length - 1], "nothing written after the stack");
        int[] s = new int[d.frameStack()];
        for (int k = 0; k < s.length; k++) {
            s[k] = out[1 + k * H * W];
            for (int b = 0; b < H * W; b++) {
                assertEquals(s[k], out[1 + k * H * W + b], "a slot holds one whole frame");
            }
        }
        return s;
    }

    @Test
    void episodesFollowTheTerminalAndTimeoutFlags() {
        FrameDataset d = sample();
        assertEquals(7, d.size());
        assertEquals(3, d.episodes());
        assertArrayEquals(new int[] {3, 3, 1}, d.episodeLengths());
        assertEquals(3, d.episodeStart(1));
        assertEquals(6, d.episodeStart(2));
        assertArrayEquals(new double[] {6, 15, 7}, d.episodeReturns());
        assertEquals(3 * H * W, d.stackBytes());
    }

    @Test
    void stacksAtEpisodeStartsArePaddedWithTheFirstFrameOrZeros() {
        FrameDataset d = sample();
        assertArrayEquals(new int[] {1, 1, 1}, slots(d, 0, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {0, 0, 1}, slots(d, 0, StackPadding.ZEROS));
        assertArrayEquals(new int[] {1, 1, 2}, slots(d, 1, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {0, 1, 2}, slots(d, 1, StackPadding.ZEROS));
        // the second episode starts at row 3: nothing from the first leaks in
        assertArrayEquals(new int[] {4, 4, 4}, slots(d, 3, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {4, 4, 5}, slots(d, 4, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {0, 4, 5}, slots(d, 4, StackPadding.ZEROS));
        assertArrayEquals(new int[] {7, 7, 7}, slots(d, 6, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {0, 0, 7}, slots(d, 6, StackPadding.ZEROS));
    }

    @Test
    void midEpisodeStacksAreTheLastFramesOldestFirstWhateverThePadding() {
        FrameDataset d = sample();
        assertArrayEquals(new int[] {1, 2, 3}, slots(d, 2, StackPadding.REPEAT_FIRST));
        assertArrayEquals(new int[] {1, 2, 3}, slots(d, 2, StackPadding.ZEROS));
        assertArrayEquals(new int[] {4, 5, 6}, slots(d, 5, StackPadding.ZEROS));
    }

    @Test
    void selectEpisodesKeepsTheGivenEpisodesInOrderWithTheirOwnStarts() {
        FrameDataset s = sample().selectEpisodes(new int[] {2, 0});
        assertEquals(4, s.size());
        assertArrayEquals(new int[] {1, 3}, s.episodeLengths());
        assertArrayEquals(new double[] {7, 6}, s.episodeReturns());
        assertEquals(2, s.action(0));
        assertEquals(0, s.action(1));
        assertTrue(s.terminated(0));
        assertTrue(s.terminated(3));
        assertFalse(s.truncated(3));
        assertArrayEquals(new int[] {1, 1, 1}, slots(s, 1, StackPadding.REPEAT_FIRST), "row 1 starts an episode now");
        assertArrayEquals(new int[] {1, 2, 3}, slots(s, 3, StackPadding.ZEROS));
        assertArrayEquals(new int[] {0, 0, 7}, slots(s, 0, StackPadding.ZEROS));
        assertEquals(4, s.actionCount());
        assertEquals("t", s.metadata().datasetId());
    }

    @Test
    void invalidColumnsAreRejectedWithTheRowAndReason() {
        DatasetMetadata m = DatasetMetadata.of("t", "generated", null, null);
        boolean[] no = new boolean[3];
        boolean[] endOnly = {false, false, true};
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(3), new int[3], new float[3], no, no, 2, 4));
        assertTrue(open.getMessage().contains("last row (2)"), open.getMessage());
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(3), new int[] {0, 2, 0}, new float[3], endOnly, no, 2, 4));
        assertTrue(action.getMessage().contains("row 1 is 2, outside [0, 2)"), action.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(3), new int[3], new float[3], endOnly, endOnly, 2, 4));
        assertTrue(both.getMessage().contains("row 2 is both"), both.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(3), new int[2], new float[3], endOnly, no, 2, 4));
        assertTrue(rows.getMessage().contains("actions has 2 rows but there are 3 frames"), rows.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(3), new int[3], new float[3], endOnly, no, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameDataset(m, frames(0), new int[0], new float[0], new boolean[0], new boolean[0], 2, 4));
    }

    @Test
    void storeSpansShardsAndCopiesEachFrameExactly() {
        FrameStore s = new FrameStore(1, 2);
        for (int i = 0; i < FrameStore.SHARD_FRAMES + 3; i++) {
            s.add(new byte[] {(byte) i, (byte) (i >> 8)}, 0);
        }
        byte[] f = new byte[2];
        s.copy(FrameStore.SHARD_FRAMES + 1, f, 0);
        assertArrayEquals(new byte[] {(byte) (FrameStore.SHARD_FRAMES + 1), (byte) ((FrameStore.SHARD_FRAMES + 1) >> 8)}, f);
        assertThrows(IndexOutOfBoundsException.class, () -> s.copy(FrameStore.SHARD_FRAMES + 3, f, 0));
        FrameStore sel = s.selectRanges(new int[] {FrameStore.SHARD_FRAMES - 1}, new int[] {FrameStore.SHARD_FRAMES + 1});
        assertEquals(2, sel.size());
        sel.copy(1, f, 0);
        assertEquals((byte) FrameStore.SHARD_FRAMES, f[0]);
    }
}
