package dev.lamo.envs.data.frames;

import dev.lamo.envs.data.GenerationPlan;
import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeTitle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameDatasetGeneratorTest {

    private static FrameDatasetGenerator.Summary breakout(ArcadeBehavior b, int episodes, int threads, Path out) {
        return FrameDatasetGenerator.generate(new GenerationPlan<>("breakout", b, episodes, 0, 7, null, threads),
                out, n -> { });
    }

    @Test
    void fileIsByteIdenticalForAnyThreadCount(@TempDir Path dir) throws Exception {
        ArcadeBehavior medium = ArcadeBehavior.scripted(ArcadeTitle.BREAKOUT, 0.5);
        breakout(medium, 6, 1, dir.resolve("one.hdf5"));
        breakout(medium, 6, 3, dir.resolve("three.hdf5"));
        byte[] one = Files.readAllBytes(dir.resolve("one.hdf5"));
        assertArrayEquals(one, Files.readAllBytes(dir.resolve("three.hdf5")));
        FrameDatasetGenerator.generate(new GenerationPlan<>("breakout", medium, 6, 0, 8, null, 2),
                dir.resolve("seed8.hdf5"), n -> { });
        assertFalse(java.util.Arrays.equals(one, Files.readAllBytes(dir.resolve("seed8.hdf5"))), "the seed matters");
    }

    @Test
    void episodesModeWritesWholeEpisodesThatEndByTheGame(@TempDir Path dir) {
        Path out = dir.resolve("e.hdf5");
        FrameDatasetGenerator.Summary s = breakout(ArcadeBehavior.random(), 3, 2, out);
        FrameDataset d = FrameDatasetReader.read(out);
        assertEquals(3, d.episodes());
        assertEquals(s.transitions(), d.size());
        for (int e = 0; e < 3; e++) {
            assertTrue(d.terminated(d.episodeStart(e) + d.episodeLength(e) - 1), "random play loses all lives in time");
        }
        assertEquals(s.meanReturn(), java.util.Arrays.stream(d.episodeReturns()).average().orElseThrow(), 1e-9);
    }

    /** ε moves the return from the expert's towards random play's (a few episodes each; tolerant bounds). */
    @Test
    void noiseLowersReturnsBetweenExpertAndRandom(@TempDir Path dir) {
        double expert = breakout(ArcadeBehavior.scripted(ArcadeTitle.BREAKOUT, 0.0), 4, 2, dir.resolve("x.hdf5")).meanReturn();
        double medium = breakout(ArcadeBehavior.scripted(ArcadeTitle.BREAKOUT, null), 8, 2, dir.resolve("m.hdf5")).meanReturn();
        double random = breakout(ArcadeBehavior.random(), 8, 2, dir.resolve("r.hdf5")).meanReturn();
        assertTrue(random < 10, "random " + random);
        assertTrue(medium > random + 20, "medium " + medium + " vs random " + random);
        assertTrue(expert > medium + 40, "expert " + expert + " vs medium " + medium);
        FrameDataset d = FrameDatasetReader.read(dir.resolve("m.hdf5"));
        assertEquals(0.1, ((Number) d.metadata().behaviorDetails().get("epsilon")).doubleValue());
        assertEquals("scripted", d.metadata().behavior());
    }

    @Test
    void nonArcadeEnvironmentsAreRefusedByName() {
        assertFalse(FrameDatasetGenerator.isArcade("reacher2d"));
        assertTrue(FrameDatasetGenerator.isArcade("qbert"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameDatasetGenerator.generate(
                new GenerationPlan<>("reacher2d", ArcadeBehavior.random(), 1, 0, 0, null, 1), Path.of("x.hdf5"),
                n -> { }));
        assertTrue(e.getMessage().contains("'reacher2d' is not an arcade game"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArcadeBehavior("scripted", 1.5));
    }
}
