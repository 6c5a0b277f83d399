package dev.lamo.envs.kitchen;

import dev.lamo.envs.ContinuousEnv;
import dev.lamo.envs.behavior.ScriptedBehavior;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Scripted kitchen demonstrations: for each sub-task in the episode's plan the grip point follows waypoints
 * ({@link KitchenWaypoints}) by resolved-rate inverse kinematics ({@link KitchenArmIk}); Gaussian noise of a
 * chosen standard deviation is added to every action component before clipping to [−1, 1]. After the plan the
 * arm holds still. Which sub-tasks an episode demonstrates follows D4RL's kitchen datasets:
 * <ul>
 *   <li>{@code complete}: every target, in the environment's target order;</li>
 *   <li>{@code partial}: half the episodes every target in order, the others a random proper subset of the
 *       targets in random order;</li>
 *   <li>{@code mixed}: a random proper subset of the targets in random order, so no episode completes them all.</li>
 * </ul>
 */
public final class KitchenDemonstrator extends ScriptedBehavior {

    /** Noise of the default demonstrations. */
    public static final double DEFAULT_NOISE = 0.05;

    /** Which sub-task sequences the episodes demonstrate. */
    public enum Demos {
        COMPLETE, PARTIAL, MIXED;

        public static Demos parse(String name) {
            for (Demos d : values()) {
                if (d.name().equalsIgnoreCase(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown kitchen demonstrations '" + name + "' (expected complete, partial or mixed)");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        List<KitchenTask> plan(List<KitchenTask> targets, RandomGenerator rng) {
            if (this == COMPLETE || (this == PARTIAL && rng.nextBoolean())) {
                return targets;
            }
            List<KitchenTask> shuffled = new ArrayList<>(targets);
            for (int i = shuffled.size() - 1; i > 0; i--) {
                Collections.swap(shuffled, i, rng.nextInt(i + 1));
            }
            int count = targets.size() == 1 ? 0 : 1 + rng.nextInt(targets.size() - 1);
            return List.copyOf(shuffled.subList(0, count));
        }
    }

    private final Demos demos;

    public KitchenDemonstrator(Demos demos, double noise) {
        super(noise);
        this.demos = demos;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("controller", "waypoints + damped least-squares inverse kinematics");
        d.put("demos", demos.label());
        d.put("noise_std", noise);
        return d;
    }

    @Override
    public Controller controller(ContinuousEnv env, RandomGenerator rng) {
        if (!(env instanceof Kitchen kitchen)) {
            throw new IllegalArgumentException("the kitchen demonstrator needs a kitchen environment, got " + env.spec().id());
        }
        return new Script(kitchen, demos.plan(kitchen.targets(), rng), rng);
    }

    /** One episode's demonstration: a queue of sub-tasks, each a list of waypoints. */
    private final class Script implements Controller {
        private final Kitchen env;
        private final KitchenArmIk ik;
        private final Deque<KitchenTask> tasks;
        private final RandomGenerator rng;
        private List<KitchenWaypoints.Waypoint> waypoints = List.of();
        private int index;
        private int stepsOnWaypoint;
        private boolean open = true;

        Script(Kitchen env, List<KitchenTask> plan, RandomGenerator rng) {
            this.env = env;
            this.ik = new KitchenArmIk(env.simulation(), env.gripSite());
            this.tasks = new ArrayDeque<>(plan);
            this.rng = rng;
        }

        @Override
        public double[] act(double[] observation) {
            double[] grip = env.gripPosition();
            KitchenWaypoints.Waypoint w = current(observation, grip);
            double[] action = new double[Kitchen.ROBOT_DOFS];
            if (w != null) {
                double[] speeds = ik.jointSpeeds(grip, w.position(), w.yaw(), observation);
                double largest = 0;
                for (double s : speeds) {
                    largest = Math.max(largest, Math.abs(s) / Kitchen.MAX_JOINT_SPEED);
                }
                double scale = largest > 1 ? 1 / largest : 1;
                for (int j = 0; j < Kitchen.ARM_JOINTS; j++) {
                    action[j] = speeds[j] / Kitchen.MAX_JOINT_SPEED * scale;
                }
                open = w.open();
                stepsOnWaypoint++;
            }
            action[7] = open ? 1 : -1;
            action[8] = open ? 1 : -1;
            for (int i = 0; i < action.length; i++) {
                action[i] = Math.max(-1, Math.min(1, action[i] + noise * rng.nextGaussian()));
            }
            return action;
        }

        /** The waypoint to head for, advancing past reached or timed-out ones; null when the plan is done. */
        private KitchenWaypoints.Waypoint current(double[] observation, double[] grip) {
            while (true) {
                if (index < waypoints.size()) {
                    KitchenWaypoints.Waypoint w = waypoints.get(index);
                    double dx = w.x() - grip[0];
                    double dy = w.y() - grip[1];
                    double dz = w.z() - grip[2];
                    boolean reached = Math.sqrt(dx * dx + dy * dy + dz * dz) < w.tolerance() && stepsOnWaypoint >= w.minSteps();
                    if (!reached && stepsOnWaypoint < w.maxSteps()) {
                        return w;
                    }
                    index++;
                    stepsOnWaypoint = 0;
                    continue;
                }
                if (tasks.isEmpty()) {
                    return null;
                }
                waypoints = KitchenWaypoints.of(tasks.poll(), observation, grip);
                index = 0;
                stepsOnWaypoint = 0;
            }
        }
    }
}
