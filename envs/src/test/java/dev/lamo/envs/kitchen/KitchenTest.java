package dev.lamo.envs.kitchen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.behavior.Behavior;
import dev.lamo.envs.spaces.BoxSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KitchenTest {

    /** One episode's rewards and how it ended. */
    private record Episode(List<Double> rewards, List<String> completionOrder, boolean terminated, boolean truncated,
                           double[] lastObservation) {
        double total() {
            return rewards.stream().mapToDouble(Double::doubleValue).sum();
        }

        long rewardedSteps() {
            return rewards.stream().filter(r -> r != 0).count();
        }
    }

    private static Episode run(String envId, long seed, Behavior behavior) {
        try (Kitchen env = (Kitchen) EnvRegistry.make(envId)) {
            double[] o = env.reset(seed);
            Behavior.Controller controller = behavior.controller(env, Seeds.rng(seed));
            List<Double> rewards = new ArrayList<>();
            List<String> order = new ArrayList<>();
            boolean[] before = env.completed();
            while (true) {
                Step<double[]> s = env.step(controller.act(o));
                o = s.observation();
                rewards.add(s.reward());
                boolean[] now = env.completed();
                for (int i = 0; i < now.length; i++) {
                    if (now[i] && !before[i]) {
                        order.add(env.targets().get(i).joint());
                    }
                }
                before = now;
                if (s.done()) {
                    return new Episode(rewards, order, s.terminated(), s.truncated(), o);
                }
            }
        }
    }

    @Test
    void spacesAndObservationLayoutAreAsDocumented() {
        try (Kitchen env = (Kitchen) EnvRegistry.make("kitchen")) {
            BoxSpace actions = (BoxSpace) env.actionSpace();
            assertArrayEquals(new int[] {9}, actions.shape());
            for (int i = 0; i < 9; i++) {
                assertEquals(-1, actions.low()[i]);
                assertEquals(1, actions.high()[i]);
            }
            assertEquals(29, env.observationSpace().flatSize());
            double[] o = env.reset(3);
            assertEquals(29, o.length);
            for (int j = 0; j < Kitchen.ARM_JOINTS; j++) {
                assertEquals(Kitchen.HOME[j], o[j], 0.02 + 1e-12, "arm joint " + j + " starts near home");
            }
            assertEquals(Kitchen.FINGER_OPEN, o[7], 1e-12);
            assertEquals(Kitchen.FINGER_OPEN, o[8], 1e-12);
            // objects at rest: door closed, kettle at its start, switch and slide door at zero
            assertArrayEquals(new double[] {0, 0.42, -0.10, 0, 1, 0, 0, 0, 0, 0}, Arrays.copyOfRange(o, 9, 19), 1e-9);
            double[] goals = new double[10];
            int k = 0;
            for (KitchenTask t : List.of(KitchenTask.MICROWAVE, KitchenTask.KETTLE, KitchenTask.LIGHT, KitchenTask.SLIDE)) {
                System.arraycopy(t.goal(), 0, goals, k, t.size());
                k += t.size();
            }
            assertArrayEquals(goals, Arrays.copyOfRange(o, 19, 29), 0);
        }
    }

    @Test
    void atResetTheArmTouchesNothing() {
        try (Kitchen env = (Kitchen) EnvRegistry.make("kitchen")) {
            for (long seed = 0; seed < 5; seed++) {
                env.reset(seed);
                env.step(new double[9]);
                List<String> contacts = env.simulation().contacts();
                assertTrue(contacts.contains("counter/kettle_pot"), "the kettle stands on the counter: " + contacts);
                assertTrue(contacts.stream().noneMatch(c -> c.matches(".*(link|palm|finger).*")),
                        "no robot geom in contact after reset (a penetration here makes the arm jump): " + contacts);
            }
        }
    }

    @Test
    void specFollowsLamoKitchenSettings() {
        EnvSpec spec = EnvRegistry.spec("kitchen");
        assertEquals(280, spec.maxEpisodeSteps());
        assertEquals(0, spec.refMinScore());
        assertEquals(4, spec.refMaxScore());
        assertEquals(1.0, spec.returnScale());
        assertEquals(List.of(5.0, 4.0, 3.0, 2.0, 1.0), spec.defaultTargets());
        assertEquals(List.of(4.0, 5.0), spec.paperTargets());
        assertEquals(2, EnvRegistry.spec("kitchen-light-slide").refMaxScore());
    }

    @Test
    void demonstratorCompletesTheFourSubTasksInOrderOnceEach() {
        Episode e = run("kitchen", 7, new KitchenDemonstrator(KitchenDemonstrator.Demos.COMPLETE,
                KitchenDemonstrator.DEFAULT_NOISE));
        assertEquals(List.of("microwave", "kettle", "light", "slide"), e.completionOrder());
        assertEquals(4.0, e.total());
        assertEquals(4, e.rewardedSteps(), "+1 once per sub-task, never again while it stays done");
        assertTrue(e.terminated(), "all targets done ends the episode");
        assertFalse(e.truncated());
        assertTrue(e.rewards().size() < Kitchen.MAX_STEPS);
    }

    @Test
    void episodesAreReproducibleFromTheirSeed() {
        KitchenDemonstrator demo = new KitchenDemonstrator(KitchenDemonstrator.Demos.COMPLETE, 0.1);
        Episode a = run("kitchen", 11, demo);
        Episode b = run("kitchen", 11, demo);
        assertEquals(a.rewards(), b.rewards());
        assertArrayEquals(a.lastObservation(), b.lastObservation(), 0);
    }

    @Test
    void aSingleTargetTaskEndsWhenItIsDone() {
        Episode e = run("kitchen-light", 2, new KitchenDemonstrator(KitchenDemonstrator.Demos.COMPLETE, 0));
        assertEquals(List.of("light"), e.completionOrder());
        assertEquals(1.0, e.total());
        assertTrue(e.terminated());
    }

    @Test
    void idleArmIsTruncatedAfter280StepsWithoutReward() {
        Behavior idle = new Behavior() {
            @Override
            public String name() {
                return "idle";
            }

            @Override
            public java.util.Map<String, Object> details() {
                return java.util.Map.of();
            }

            @Override
            public Controller controller(dev.lamo.envs.ContinuousEnv env, java.util.random.RandomGenerator rng) {
                return o -> new double[9];
            }
        };
        Episode e = run("kitchen", 0, idle);
        assertEquals(Kitchen.MAX_STEPS, e.rewards().size());
        assertEquals(0.0, e.total());
        assertTrue(e.truncated());
        assertFalse(e.terminated());
        // a still arm disturbs nothing: gravity is compensated and the objects stay where they started
        assertArrayEquals(new double[] {0, 0.42, -0.10, 0}, Arrays.copyOfRange(e.lastObservation(), 9, 13), 2e-3);
    }

    @Test
    void nonFiniteActionFailsClearly() {
        try (Kitchen env = (Kitchen) EnvRegistry.make("kitchen")) {
            env.reset(0);
            double[] a = new double[9];
            a[4] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(a));
            assertTrue(e.getMessage().contains("action[4]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new double[8]));
        }
    }

    @Test
    void demonstrationKindsFollowD4rlDefinitions() {
        List<KitchenTask> targets = Kitchen.tasksOf("kitchen");
        int partialComplete = 0;
        for (int seed = 0; seed < 200; seed++) {
            assertEquals(targets, KitchenDemonstrator.Demos.COMPLETE.plan(targets, Seeds.rng(seed)));
            List<KitchenTask> mixed = KitchenDemonstrator.Demos.MIXED.plan(targets, Seeds.rng(seed));
            assertTrue(!mixed.isEmpty() && mixed.size() < targets.size(), "mixed never demonstrates every target");
            assertTrue(targets.containsAll(mixed));
            List<KitchenTask> partial = KitchenDemonstrator.Demos.PARTIAL.plan(targets, Seeds.rng(seed));
            if (partial.equals(targets)) {
                partialComplete++;
            }
        }
        assertTrue(partialComplete > 60 && partialComplete < 140, "about half the partial episodes do everything: " + partialComplete);
    }

    @Test
    void kitchenIdsNameTheirTargets() {
        assertEquals(List.of(KitchenTask.SLIDE, KitchenTask.MICROWAVE), Kitchen.tasksOf("kitchen-slide-microwave"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Kitchen.tasksOf("kitchen-oven"));
        assertTrue(unknown.getMessage().contains("oven"));
        assertThrows(IllegalArgumentException.class, () -> Kitchen.tasksOf("kitchen-light-light"));
    }

    @Test
    void kettleDistanceIgnoresHeadingButNotTilt() {
        double[] atGoal = {0.42, 0.20, 0, 1, 0, 0, 0};
        assertEquals(0, KitchenTask.KETTLE.distance(atGoal, 0), 1e-12);
        double half = 0.3;
        double[] turned = {0.42, 0.20, 0, Math.cos(half), 0, 0, Math.sin(half)};
        assertEquals(0, KitchenTask.KETTLE.distance(turned, 0), 1e-9);
        double[] tipped = {0.42, 0.20, 0, Math.cos(half), Math.sin(half), 0, 0};
        assertEquals(0.6, KitchenTask.KETTLE.distance(tipped, 0), 1e-9);
    }
}
