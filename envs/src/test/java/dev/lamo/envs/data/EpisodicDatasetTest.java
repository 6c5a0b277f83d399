package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-episode bookkeeping both dataset kinds share, seen through a vector dataset built by hand. */
class EpisodicDatasetTest {

    /** Episodes of 2, 3 and 1 rows; row r observes (r) and rewards r + 1; the middle episode ends truncated. */
    private static TrajectoryDataset sample() {
        float[] obs = {0, 1, 2, 3, 4, 5};
        float[] act = {10, 11, 12, 13, 14, 15};
        float[] rewards = {1, 2, 3, 4, 5, 6};
        boolean[] term = {false, true, false, false, false, true};
        boolean[] trunc = {false, false, false, false, true, false};
        return new TrajectoryDataset(DatasetMetadata.of("fixture", "generated", null, null), FloatMatrix.of(obs, 1), null,
                FloatMatrix.of(act, 1), rewards, term, trunc, new long[] {0, 2, 5, 6},
                Map.of("qpos", new DoubleMatrix(new double[] {0, 10, 20, 30, 40, 50}, 1)));
    }

    @Test
    void lengthsReturnsAndEndsFollowFromTheOffsets() {
        TrajectoryDataset d = sample();
        assertEquals(6, d.size());
        assertEquals(3, d.episodes());
        assertArrayEquals(new int[] {2, 3, 1}, d.episodeLengths());
        assertArrayEquals(new double[] {3, 12, 6}, d.episodeReturns());
        assertEquals(2, d.terminatedEpisodes());
        assertFalse(d.episodeTerminated(1));
        assertEquals(6, d.episodeStart(3), "the offset after the last episode is the row count");
    }

    @Test
    void selectingEpisodesCarriesEveryColumnAlong() {
        TrajectoryDataset s = sample().selectEpisodes(new int[] {2, 1});
        assertArrayEquals(new int[] {1, 3}, s.episodeLengths());
        assertArrayEquals(new float[] {6, 3, 4, 5}, s.rewards());
        assertArrayEquals(new float[] {5}, s.observations().row(0));
        assertArrayEquals(new float[] {12}, s.actions().row(1));
        assertArrayEquals(new double[] {20}, s.infos().get("qpos").row(1));
        assertTrue(s.terminated(0));
        assertTrue(s.truncated(3));
        assertEquals(1, s.terminatedEpisodes());
        TrajectoryDataset renamed = s.withMetadata(s.metadata().withDatasetId("renamed"));
        assertEquals("renamed", renamed.metadata().datasetId());
        assertArrayEquals(s.rewards(), renamed.rewards());
        assertArrayEquals(s.episodeLengths(), renamed.episodeLengths());
    }

    @Test
    void offsetsThatDoNotCutCompleteEpisodesAreRefused() {
        TrajectoryDataset d = sample();
        float[] rewards = d.rewards();
        boolean[] term = {false, true, false, false, false, true};
        boolean[] trunc = {false, false, false, false, true, false};
        assertEquals("episode 0 has an end flag at row 1 before its last row",
                refused(d, rewards, term, trunc, new long[] {0, 3, 5, 6}));
        assertEquals("episode offsets must start at 0 and end at the row count 6",
                refused(d, rewards, term, trunc, new long[] {0, 2, 5}));
        assertEquals("episode 1 is empty", refused(d, rewards, term, trunc, new long[] {0, 2, 2, 6}));
        boolean[] both = trunc.clone();
        both[1] = true;
        assertEquals("episode 0 must end with exactly one of terminated or truncated",
                refused(d, rewards, term, both, new long[] {0, 2, 5, 6}));
        assertEquals("rewards has 5 rows but observations have 6",
                refused(d, new float[5], term, trunc, new long[] {0, 2, 5, 6}));
    }

    private static String refused(TrajectoryDataset d, float[] rewards, boolean[] term, boolean[] trunc, long[] starts) {
        return assertThrows(IllegalArgumentException.class, () -> new TrajectoryDataset(d.metadata(), d.observations(),
                null, d.actions(), rewards, term, trunc, starts, Map.of())).getMessage();
    }
}
