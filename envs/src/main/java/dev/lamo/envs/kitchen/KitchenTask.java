package dev.lamo.envs.kitchen;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Kitchen sub-tasks: an object joint, the goal values of its coordinates and how close they must come.
 * A sub-task is done when the Euclidean distance between the object's coordinates and the goal is below the
 * tolerance (D4RL's kitchen uses 0.3 for every object; ours is set per object so that "done" means the same
 * amount of work for each: a door opened by 0.7 rad or more, a kettle within 10 cm of its goal spot and upright).
 */
public enum KitchenTask {
    /** The oven door, opened from 0 to 1.0 rad; done from 0.7 rad. */
    MICROWAVE("microwave", new double[] {1.0}, 0.3),
    /**
     * The kettle, moved 30 cm along +y on the counter; its coordinates are a position and an orientation
     * quaternion, judged by the position error combined with the tilt from upright in radians (the heading is
     * free); done within 0.1.
     */
    KETTLE("kettle", new double[] {0.42, 0.20, 0.0, 1, 0, 0, 0}, 0.1),
    /** The light switch knob, slid 10 cm along +y; done within 3 cm. */
    LIGHT("light", new double[] {0.10}, 0.03),
    /** The slide cabinet door, slid 20 cm along +y; done within 5 cm. */
    SLIDE("slide", new double[] {0.20}, 0.05);

    private final String joint;
    private final double[] goal;
    private final double tolerance;

    KitchenTask(String joint, double[] goal, double tolerance) {
        this.joint = joint;
        this.goal = goal;
        this.tolerance = tolerance;
    }

    /** Name of the object's joint in the scene (also the task's name in environment ids). */
    public String joint() {
        return joint;
    }

    public double[] goal() {
        return goal.clone();
    }

    public int size() {
        return goal.length;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Distance of the object coordinates {@code qpos[offset .. offset+size)} from the goal. */
    public double distance(double[] qpos, int offset) {
        if (this == KETTLE) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                double d = qpos[offset + i] - goal[i];
                s += d * d;
            }
            double tilt = tilt(qpos[offset + 3], qpos[offset + 4], qpos[offset + 5], qpos[offset + 6]);
            return Math.sqrt(s + tilt * tilt);
        }
        double s = 0;
        for (int i = 0; i < goal.length; i++) {
            double d = qpos[offset + i] - goal[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** The angle between a body's z axis and the world's vertical, from its orientation quaternion (w, x, y, z). */
    static double tilt(double w, double x, double y, double z) {
        double norm = w * w + x * x + y * y + z * z;
        double cosine = 1 - 2 * (x * x + y * y) / norm;
        return Math.acos(Math.max(-1, Math.min(1, cosine)));
    }

    public static KitchenTask parse(String name) {
        return Arrays.stream(values()).filter(t -> t.joint.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kitchen task '" + name + "' (expected microwave, "
                        + "kettle, light or slide)"));
    }
}
