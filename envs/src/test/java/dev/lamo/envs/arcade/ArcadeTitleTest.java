package dev.lamo.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Env;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Step;
import dev.lamo.envs.spaces.BoxSpace;
import dev.lamo.envs.spaces.DiscreteSpace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ArcadeTitleTest {

    @Test
    void gamesAreRegisteredWithAleActionSetsAndStackedFrames() {
        int[] actions = {4, 6, 6};
        for (ArcadeTitle t : ArcadeTitle.values()) {
            try (Env<?, ?> env = EnvRegistry.make(t.id())) {
                assertEquals(actions[t.ordinal()], ((DiscreteSpace) env.actionSpace()).n(), t.id());
                BoxSpace obs = (BoxSpace) env.observationSpace();
                assertArrayEquals(new int[] {4, 84, 84}, obs.shape());
                assertEquals(BoxSpace.DType.UINT8, obs.dtype());
                EnvSpec spec = env.spec();
                assertEquals(4096, spec.maxEpisodeSteps());
                assertTrue(spec.refMaxScore() > spec.refMinScore());
            }
        }
    }

    @Test
    void sameSeedSameObservationsAndRewards() {
        for (ArcadeTitle t : ArcadeTitle.values()) {
            ArcadeEnv a = t.newEnv(t.spec());
            ArcadeEnv b = t.newEnv(t.spec());
            assertArrayEquals(a.reset(3), b.reset(3));
            for (int k = 0; k < 300; k++) {
                int action = t.expertAction(a.game());
                Step<byte[]> sa = a.step(action);
                Step<byte[]> sb = b.step(t.expertAction(b.game()));
                assertEquals(sa.reward(), sb.reward());
                assertArrayEquals(sa.observation(), sb.observation(), t.id() + " step " + k);
                if (sa.done()) {
                    break;
                }
            }
        }
    }

    /** The first episodes of the reference measurement, within a tenth (random) or a quarter (expert) of the range. */
    @Test
    void referenceScoresAreReproducedByAFewEpisodes() {
        for (ArcadeTitle t : ArcadeTitle.values()) {
            EnvSpec spec = t.spec();
            double range = spec.refMaxScore() - spec.refMinScore();
            double random = t.measure(false, 10);
            double expert = t.measure(true, 4);
            assertEquals(spec.refMinScore(), random, 0.1 * range, t.id() + " random");
            assertEquals(spec.refMaxScore(), expert, 0.25 * range, t.id() + " scripted expert");
        }
    }

    @Tag("slow")
    @Test
    void referenceScoresAreExactlyTheFullMeasurement() {
        for (ArcadeTitle t : ArcadeTitle.values()) {
            assertEquals(t.spec().refMinScore(), t.measure(false, ArcadeTitle.REFERENCE_EPISODES), 0.005, t.id());
            assertEquals(t.spec().refMaxScore(), t.measure(true, ArcadeTitle.REFERENCE_EPISODES), 0.005, t.id());
        }
    }
}
