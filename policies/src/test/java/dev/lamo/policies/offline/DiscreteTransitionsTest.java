package dev.lamo.policies.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Seeds;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.frames.FrameDataset;
import dev.lamo.envs.data.frames.FrameStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frame transitions on 2×2 frames whose pixels name their row, so every sampled stack says where it came from. */
class DiscreteTransitionsTest {

    /** Episodes rows 0–4 (terminated), 5–7 (truncated), 8–9 (terminated). */
    static FrameDataset numbered() {
        int n = 10;
        FrameStore frames = new FrameStore(2, 2);
        int[] actions = new int[n];
        float[] rewards = new float[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        for (int i = 0; i < n; i++) {
            frames.add(new byte[] {(byte) i, (byte) i, (byte) i, (byte) i}, 0);
            actions[i] = i % 3;
            rewards[i] = i / 10f;
        }
        terminated[4] = true;
        truncated[7] = true;
        terminated[9] = true;
        return new FrameDataset(DatasetMetadata.of("numbered", "memory", "memory", "0"), frames, actions, rewards,
                terminated, truncated, 3, 4);
    }

    @Test
    void nextStacksFollowTheEpisodeTerminalsAreMaskedAndTruncatedEndsAreDropped() {
        FrameDataset data = numbered();
        FrameTransitions t = FrameTransitions.of(data);
        assertEquals(9, t.size(), "row 7 ends its episode by a time limit and has no next frame");
        var rng = Seeds.rng(3);
        Set<Integer> seen = new HashSet<>();
        byte[] expected = new byte[16];
        FrameTransitions.Batch first = t.sample(64, rng);
        for (int draw = 0; draw < 5; draw++) {
            FrameTransitions.Batch b = t.sample(64, rng);
            assertSame(first.states(), b.states(), "the stack buffer is reused between draws");
            for (int k = 0; k < b.size(); k++) {
                int row = b.states()[k * 16 + 12]; // newest frame names the row
                seen.add(row);
                data.copyStack(row, FrameDataset.StackPadding.REPEAT_FIRST, expected, 0);
                assertTrue(DiscreteFixtures.sameStack(expected, 0, b.states(), k * 16, 16), "stack of row " + row);
                assertEquals(row % 3, b.actions()[k]);
                assertEquals(row / 10f, b.rewards()[k]);
                boolean terminal = row == 4 || row == 9;
                assertEquals(terminal ? 1f : 0f, b.dones()[k], "done of row " + row);
                data.copyStack(terminal ? row : row + 1, FrameDataset.StackPadding.REPEAT_FIRST, expected, 0);
                assertTrue(DiscreteFixtures.sameStack(expected, 0, b.nextStates(), k * 16, 16), "next stack of row " + row);
            }
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 8, 9), seen);
        // padding repeats the episode's first frame: row 6's stack is frames 5, 5, 5, 6
        assertEquals(5, stackOf(data, 6)[0]);
        assertEquals(6, stackOf(data, 6)[12]);
    }

    private static byte[] stackOf(FrameDataset data, int row) {
        byte[] s = new byte[16];
        data.copyStack(row, FrameDataset.StackPadding.REPEAT_FIRST, s, 0);
        return s;
    }

    @Test
    void sameSeedSameBatchesAndADatasetOfOnlyTruncatedStepsIsRefused() {
        FrameTransitions t = FrameTransitions.of(numbered());
        int[] a = t.sample(32, Seeds.rng(5)).actions().clone();
        byte[] s = t.sample(32, Seeds.rng(5)).states().clone();
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(t.sample(32, Seeds.rng(5)).actions()));
        assertTrue(java.util.Arrays.equals(s, t.sample(32, Seeds.rng(5)).states()));
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(t.sample(32, Seeds.rng(6)).actions()));
        FrameStore one = new FrameStore(2, 2);
        one.add(new byte[4], 0);
        FrameDataset cut = new FrameDataset(DatasetMetadata.of("cut", "memory", "memory", "0"), one, new int[1], new float[1],
                new boolean[1], new boolean[] {true}, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameTransitions.of(cut));
        assertTrue(e.getMessage().contains("no usable transitions"), e.getMessage());
    }
}
