package dev.lamo.envs.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DownSamplerTest {

    @Test
    void keepsFloorOfNTimesRatioWholeEpisodesAtLeastOne() {
        int[] lengths = new int[200];
        Arrays.fill(lengths, 10);
        assertEquals(20, DownSampler.choose(lengths, 0.1, 0, DownSampler.Weighting.UNIFORM).length);
        assertEquals(1, DownSampler.choose(lengths, 0.005, 0, DownSampler.Weighting.UNIFORM).length);
        assertEquals(1, DownSampler.choose(lengths, 0.001, 0, DownSampler.Weighting.UNIFORM).length);
        assertEquals(200, DownSampler.choose(lengths, 1.0, 0, DownSampler.Weighting.UNIFORM).length);
        assertEquals(60, DownSampler.choose(lengths, 0.3, 0, DownSampler.Weighting.UNIFORM).length, "0.3*200 must not round down to 59");
    }

    @Test
    void sameSeedSameEpisodesOtherSeedOtherEpisodes() {
        int[] lengths = new int[100];
        Arrays.fill(lengths, 5);
        int[] a = DownSampler.choose(lengths, 0.1, 3, DownSampler.Weighting.UNIFORM);
        int[] b = DownSampler.choose(lengths, 0.1, 3, DownSampler.Weighting.UNIFORM);
        int[] c = DownSampler.choose(lengths, 0.1, 4, DownSampler.Weighting.UNIFORM);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(10, new HashSet<>(Arrays.stream(a).boxed().toList()).size(), "without replacement");
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "kept in original order");
        }
    }

    @Test
    void uniformSamplingIsUnbiasedAndLengthWeightingPrefersLongEpisodes() {
        int[] lengths = new int[10];
        Arrays.fill(lengths, 1);
        lengths[9] = 91; // the last episode holds most of the transitions
        int[] uniformCount = new int[10];
        int longChosen = 0;
        for (long seed = 0; seed < 2000; seed++) {
            for (int i : DownSampler.choose(lengths, 0.1, seed, DownSampler.Weighting.UNIFORM)) {
                uniformCount[i]++;
            }
            if (DownSampler.choose(lengths, 0.1, seed, DownSampler.Weighting.BY_LENGTH)[0] == 9) {
                longChosen++;
            }
        }
        for (int c : uniformCount) {
            assertEquals(200, c, 50);
        }
        assertEquals(0.91 * 2000, longChosen, 60);
    }

    @Test
    void sampledDatasetRecordsItsOrigin() {
        TrajectoryDataset d = D4rlReader.read(Fixtures.DIR.resolve("d4rl_hopper_small.hdf5"));
        TrajectoryDataset s = DownSampler.sample(d, 0.5, 9, DownSampler.Weighting.UNIFORM);
        assertEquals(2, s.episodes());
        assertEquals(0.5, s.metadata().sampleRatio());
        assertEquals(9L, s.metadata().sampleSeed());
        assertEquals(d.metadata().datasetId(), s.metadata().sampledFrom());
        Set<Integer> lengths = new HashSet<>();
        for (int l : s.episodeLengths()) {
            lengths.add(l);
        }
        assertTrue(Set.of(60, 100, 50, 30).containsAll(lengths));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DownSampler.sample(d, 1.5, 0, DownSampler.Weighting.UNIFORM));
        assertEquals("sample ratio must be in (0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DownSampler.sample(d, 0, 0, DownSampler.Weighting.UNIFORM));
    }

    @Test
    void statisticsMatchAHandComputation() {
        float[] obs = {1, 10, 3, 10, 5, 40};
        TrajectoryDataset d = new TrajectoryDataset(DatasetMetadata.of("t", "test", null, null), FloatMatrix.of(obs, 2), null,
                FloatMatrix.of(new float[] {0, 0, 0}, 1), new float[] {1, 2, 4}, new boolean[] {false, true, false},
                new boolean[] {false, false, true}, new long[] {0, 2, 3}, null);
        DatasetStatistics s = DatasetStatistics.of(d);
        assertArrayEquals(new double[] {3, 20}, s.observationMean(), 1e-12);
        assertEquals(Math.sqrt(8.0 / 3) + 1e-6, s.observationStd()[0], 1e-12);
        assertEquals(Math.sqrt(200) + 1e-6, s.observationStd()[1], 1e-9);
        assertEquals(3.5, s.returnMean(), 1e-12);
        assertEquals(0.5, s.returnStd(), 1e-12);
        assertEquals(3, s.returnMin());
        assertEquals(4, s.returnMax());
        assertEquals(1, s.lengthMin());
        assertEquals(2, s.lengthMax());
    }
}
