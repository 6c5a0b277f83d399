package dev.lamo.envs.locomotion;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.PhysicsState;
import dev.lamo.envs.SimulationException;
import dev.lamo.envs.Step;
import dev.lamo.envs.UnknownEnvironmentException;
import dev.lamo.envs.mujoco.MujocoEnv;
import dev.lamo.envs.spaces.BoxSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocomotionEnvTest {

    private static MujocoEnv make(String id) {
        return (MujocoEnv) EnvRegistry.make(id);
    }

    @ParameterizedTest
    @CsvSource({"hopper,11,3", "walker2d,17,6", "halfcheetah,17,6", "reacher2d,12,2"})
    void spacesHaveTheDocumentedDimensions(String id, int obsDim, int actDim) {
        try (MujocoEnv env = make(id)) {
            assertEquals(obsDim, env.observationSpace().flatSize());
            BoxSpace action = env.actionSpace();
            assertEquals(actDim, action.flatSize());
            for (int i = 0; i < actDim; i++) {
                assertEquals(-1.0, action.low(i));
                assertEquals(1.0, action.high(i));
            }
            assertEquals(obsDim, env.reset(3).length);
        }
    }

    private static List<double[]> rollout(String id, long seed, long actionSeed, int steps) {
        List<double[]> trace = new ArrayList<>();
        try (MujocoEnv env = make(id)) {
            trace.add(env.reset(seed));
            SplittableRandom rng = new SplittableRandom(actionSeed);
            for (int t = 0; t < steps; t++) {
                double[] a = new double[env.actionSpace().flatSize()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rng.nextDouble(-1, 1);
                }
                Step<double[]> s = env.step(a);
                double[] row = s.observation().clone();
                trace.add(row);
                trace.add(new double[] {s.reward(), s.terminated() ? 1 : 0, s.truncated() ? 1 : 0});
                if (s.done()) {
                    break;
                }
            }
        }
        return trace;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hopper", "walker2d", "halfcheetah", "reacher2d"})
    void sameSeedAndActionsGiveBitIdenticalRollouts(String id) {
        List<double[]> a = rollout(id, 42, 7, 200);
        List<double[]> b = rollout(id, 42, 7, 200);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "row " + i);
        }
        List<double[]> c = rollout(id, 43, 7, 1);
        assertFalse(java.util.Arrays.equals(a.get(0), c.get(0)), "another seed gives another initial state");
    }

    @Test
    void resetNoiseStaysWithinGymBounds() {
        try (Hopper env = new Hopper()) {
            for (long seed = 0; seed < 20; seed++) {
                double[] obs = env.reset(seed);
                assertEquals(1.25, obs[0], 0.005 + 1e-12);
                for (int i = 1; i < 5; i++) {
                    assertEquals(0.0, obs[i], 0.005 + 1e-12);
                }
                for (int i = 5; i < 11; i++) {
                    assertEquals(0.0, obs[i], 0.005 + 1e-12);
                }
            }
        }
    }

    @Test
    void rewardIsForwardVelocityPlusBonusMinusControlCost() {
        try (Hopper env = new Hopper()) {
            env.reset(1);
            PhysicsState before = env.physicsState();
            double[] action = {0.3, -0.5, 0.2};
            Step<double[]> step = env.step(action);
            double dx = env.physicsState().qpos()[0] - before.qpos()[0];
            double expected = dx / 0.008 + 1.0 - 1e-3 * (0.09 + 0.25 + 0.04);
            assertEquals(expected, step.reward(), 1e-12);
            // standing still from the initial pose: almost exactly the healthy bonus
            env.reset(1);
            assertEquals(1.0, env.step(new double[3]).reward(), 0.05);
        }
        try (HalfCheetah env = new HalfCheetah()) {
            env.reset(1);
            double x0 = env.physicsState().qpos()[0];
            Step<double[]> step = env.step(new double[] {1, 1, 1, 1, 1, 1});
            double dx = env.physicsState().qpos()[0] - x0;
            assertEquals(dx / 0.05 - 0.1 * 6, step.reward(), 1e-12);
        }
    }

    @Test
    void clippedActionsAreChargedOnTheClippedValue() {
        double[] big = {2.0, 0.0, -3.0};
        double[] clipped = {1.0, 0.0, -1.0};
        double rBig;
        double rClipped;
        double rUnclipped;
        try (Hopper env = new Hopper()) {
            env.reset(5);
            rBig = env.step(big).reward();
            env.reset(5);
            rClipped = env.step(clipped).reward();
        }
        assertEquals(rClipped, rBig, 0.0, "clipping makes the two actions identical");
        try (MujocoEnv env = (MujocoEnv) EnvRegistry.make(Hopper.SPEC.withClipActions(false))) {
            env.reset(5);
            rUnclipped = env.step(big).reward();
        }
        // MuJoCo clamps controls to ctrlrange itself, so only the control cost differs: 1e-3 * (4+9 - 1-1)
        assertEquals(rClipped - 11e-3, rUnclipped, 1e-9);
    }

    @Test
    void hopperTerminatesWhenTooLowOrTilted() {
        try (Hopper env = new Hopper()) {
            env.reset(0);
            double[] qpos = {0, 1.25, 0, 0, 0, 0};
            double[] qvel = new double[6];
            env.setPhysicsState(new PhysicsState(qpos, qvel, null));
            assertFalse(env.step(new double[3]).terminated());
            env.setPhysicsState(new PhysicsState(new double[] {0, 0.6, 0, 0, 0, 0}, qvel, null));
            Step<double[]> low = env.step(new double[3]);
            assertTrue(low.terminated());
            assertFalse(low.truncated());
            env.reset(0);
            env.setPhysicsState(new PhysicsState(new double[] {0, 1.25, 0.3, 0, 0, 0}, qvel, null));
            assertTrue(env.step(new double[3]).terminated());
            assertThrows(IllegalStateException.class, () -> env.step(new double[3]), "no auto-reset");
        }
    }

    @Test
    void walkerTerminatesOutsideItsHeightAndAngleRange() {
        try (Walker2d env = new Walker2d()) {
            env.reset(0);
            double[] qvel = new double[9];
            env.setPhysicsState(new PhysicsState(new double[] {0, 2.1, 0, 0, 0, 0, 0, 0, 0}, qvel, null));
            assertTrue(env.step(new double[6]).terminated());
            env.reset(0);
            env.setPhysicsState(new PhysicsState(new double[] {0, 1.25, -1.1, 0, 0, 0, 0, 0, 0}, qvel, null));
            assertTrue(env.step(new double[6]).terminated());
        }
    }

    @Test
    void episodesAreTruncatedAtTheStepLimit() {
        try (HalfCheetah env = new HalfCheetah()) {
            env.reset(9);
            double[] zero = new double[6];
            for (int t = 1; t < 1000; t++) {
                Step<double[]> s = env.step(zero);
                assertFalse(s.done(), "step " + t);
            }
            Step<double[]> last = env.step(zero);
            assertTrue(last.truncated());
            assertFalse(last.terminated());
            assertEquals(1000, env.elapsedSteps());
        }
    }

    @Test
    void velocitiesAreClippedForHopperButNotHalfCheetah() {
        try (Hopper env = new Hopper()) {
            env.reset(0);
            double[] qvel = {0, 0, 0, 0, 0, 0};
            qvel[3] = 15;
            env.setPhysicsState(new PhysicsState(new double[] {0, 1.25, 0, 0, 0, 0}, qvel, null));
            assertEquals(10.0, env.currentObservation()[5 + 3]);
        }
        try (HalfCheetah env = new HalfCheetah()) {
            env.reset(0);
            double[] qvel = new double[9];
            qvel[3] = 15;
            env.setPhysicsState(new PhysicsState(new double[9], qvel, null));
            assertEquals(15.0, env.currentObservation()[8 + 3]);
        }
    }

    @Test
    void badActionsAreRejectedWithAClearMessage() {
        try (Hopper env = new Hopper()) {
            assertThrows(IllegalStateException.class, () -> env.step(new double[3]), "step before reset");
            env.reset(0);
            IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new double[2]));
            assertEquals("hopper: action must have 3 values, got 2", wrongLength.getMessage());
            IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                    () -> env.step(new double[] {0, Double.NaN, 0}));
            assertEquals("hopper: action[1] must be a finite number, got NaN", nan.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.POSITIVE_INFINITY, 0, 0}));
            // the episode goes on after a rejected action
            assertEquals(11, env.step(new double[3]).observation().length);
        }
    }

    @Test
    void hugeVelocityEndsTheEpisodeWithASimulationError() {
        try (Walker2d env = new Walker2d()) {
            env.reset(0);
            double[] qvel = new double[9];
            qvel[4] = 1e20;
            env.setPhysicsState(new PhysicsState(new double[] {0, 1.25, 0, 0, 0, 0, 0, 0, 0}, qvel, null));
            SimulationException e = assertThrows(SimulationException.class, () -> env.step(new double[6]));
            assertTrue(e.getMessage().startsWith("walker2d step 1: "), e.getMessage());
            assertThrows(IllegalStateException.class, () -> env.step(new double[6]));
            // a reset recovers
            assertEquals(17, env.reset(1).length);
            assertFalse(env.step(new double[6]).terminated());
        }
    }

    @Test
    void aRestoredSnapshotContinuesBitForBit() {
        double[] action = {0.4, -0.3, 0.8, -0.1, 0.2, 0.5};
        try (Walker2d a = new Walker2d(); Walker2d b = new Walker2d()) {
            a.reset(4);
            for (int t = 0; t < 30; t++) {
                a.step(action);
            }
            dev.lamo.envs.EnvSnapshot snap = a.snapshot();
            b.reset(99);
            b.restore(snap);
            assertEquals(30, b.elapsedSteps());
            for (int t = 0; t < 50; t++) {
                Step<double[]> sa = a.step(action);
                Step<double[]> sb = b.step(action);
                assertArrayEquals(sa.observation(), sb.observation(), "step " + t);
                assertEquals(sa.reward(), sb.reward());
                if (sa.done()) {
                    break;
                }
            }
        }
    }

    @Test
    void unknownIdNamesTheKnownOnes() {
        UnknownEnvironmentException e = assertThrows(UnknownEnvironmentException.class, () -> EnvRegistry.make("hoper"));
        assertEquals("unknown environment 'hoper'; expected one of: hopper, walker2d, halfcheetah, reacher2d, kitchen, "
                + "breakout, breakout-machado, pong, pong-machado, qbert, qbert-machado, kitchen-TASK-... (TASK: microwave, "
                + "kettle, light, slide)", e.getMessage());
    }
}
