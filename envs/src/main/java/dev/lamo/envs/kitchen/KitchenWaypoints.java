package dev.lamo.envs.kitchen;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the grip point goes to do each kitchen sub-task, as a list of waypoints computed from the observation
 * when the sub-task starts. The geometry (hinge, handle, knob positions) is the scene's, in
 * {@code mjcf/kitchen.xml}; every approach comes from above at a safe transit height so that moving between
 * sub-tasks never sweeps the hand through furniture.
 */
final class KitchenWaypoints {

    /**
     * One waypoint: grip position, hand yaw, fingers open or closed, how close counts as reached, and the
     * fewest and most control steps to spend on it (a waypoint that cannot be reached is given up after
     * {@code maxSteps}, as a human demonstrator would move on).
     */
    record Waypoint(double x, double y, double z, double yaw, boolean open, double tolerance, int minSteps, int maxSteps) {
        double[] position() {
            return new double[] {x, y, z};
        }
    }

    /** Height at which the hand moves between sub-tasks, clear of the microwave, kettle and light panel. */
    static final double TRANSIT_Z = 0.45;

    private static final double[] MICROWAVE_HINGE = {0.46, -0.63};
    /** The middle of the gap between handle bar and door, in the door's frame. */
    private static final double[] MICROWAVE_GAP = {-0.045, 0.30};
    private static final double MICROWAVE_Z = 0.13;
    private static final double MICROWAVE_OPEN = 1.3;
    private static final double KETTLE_HANDLE_HEIGHT = 0.18;
    private static final double CARRY_Z = 0.34;
    private static final double LIGHT_X = 0.28;
    private static final double LIGHT_Y = 0.42;
    private static final double LIGHT_Z = 0.33;
    private static final double SLIDE_X = 0.51;
    private static final double SLIDE_KNOB_Y = 0.08;
    private static final double SLIDE_Z = 0.58;
    /** Half the closed fingers' footprint (1.2 cm thick, 3.2 cm wide) plus the light knob's half width plus clearance. */
    private static final double PUSH_OFFSET = 0.012 + 0.015 + 0.005;
    /** Half the closed fingers' width plus the cabinet knob's half width plus clearance (pushing along y). */
    private static final double SLIDE_PUSH_OFFSET = 0.016 + 0.012 + 0.008;

    private KitchenWaypoints() {
    }

    /** The waypoints that do {@code task}, starting from the grip position {@code from}. */
    static List<Waypoint> of(KitchenTask task, double[] observation, double[] from) {
        List<Waypoint> w = new ArrayList<>();
        switch (task) {
            case MICROWAVE -> microwave(w, from);
            case KETTLE -> kettle(w, observation, from);
            case LIGHT -> light(w, observation, from);
            case SLIDE -> slide(w, observation, from);
            default -> throw new IllegalStateException("no script for " + task);
        }
        return w;
    }

    /** Lower a closed finger into the gap behind the handle, then sweep it along the door's arc. */
    private static void microwave(List<Waypoint> w, double[] from) {
        double[] start = microwaveGap(0);
        transit(w, from, start[0], start[1], 0, false);
        w.add(new Waypoint(start[0], start[1], MICROWAVE_Z, 0, false, 0.012, 2, 25));
        for (double angle = 0.15; angle <= MICROWAVE_OPEN + 1e-9; angle += 0.15) {
            double[] p = microwaveGap(angle);
            w.add(new Waypoint(p[0], p[1], MICROWAVE_Z, angle, false, 0.02, 1, 12));
        }
        double[] end = microwaveGap(MICROWAVE_OPEN);
        w.add(new Waypoint(end[0], end[1], TRANSIT_Z, MICROWAVE_OPEN, false, 0.04, 1, 15));
    }

    private static double[] microwaveGap(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {MICROWAVE_HINGE[0] + c * MICROWAVE_GAP[0] - s * MICROWAVE_GAP[1],
            MICROWAVE_HINGE[1] + s * MICROWAVE_GAP[0] + c * MICROWAVE_GAP[1]};
    }

    /** Grasp the handle from above with open fingers, lift, carry to the goal spot, set down, let go. */
    private static void kettle(List<Waypoint> w, double[] o, double[] from) {
        double kx = o[Kitchen.ROBOT_DOFS + 1];
        double ky = o[Kitchen.ROBOT_DOFS + 2];
        double kz = o[Kitchen.ROBOT_DOFS + 3] + KETTLE_HANDLE_HEIGHT;
        double[] goal = KitchenTask.KETTLE.goal();
        transit(w, from, kx, ky, 0, true);
        // the fingertips reach 1 cm below the grip point: put it 1 cm below the bar's axis to wrap the whole bar
        w.add(new Waypoint(kx, ky, kz - 0.01, 0, true, 0.01, 2, 25));
        w.add(new Waypoint(kx, ky, kz - 0.01, 0, false, 1, 6, 6));
        w.add(new Waypoint(kx, ky, CARRY_Z, 0, false, 0.03, 1, 20));
        w.add(new Waypoint(goal[0], goal[1], CARRY_Z, 0, false, 0.02, 1, 25));
        w.add(new Waypoint(goal[0], goal[1], goal[2] + KETTLE_HANDLE_HEIGHT + 0.01, 0, false, 0.01, 2, 20));
        w.add(new Waypoint(goal[0], goal[1], goal[2] + KETTLE_HANDLE_HEIGHT + 0.01, 0, true, 1, 4, 4));
        w.add(new Waypoint(goal[0], goal[1], TRANSIT_Z, 0, true, 0.04, 1, 15));
    }

    /** Put a closed finger behind the switch knob and push it along its slot, away from the robot. */
    private static void light(List<Waypoint> w, double[] o, double[] from) {
        double knob = LIGHT_X + o[Kitchen.ROBOT_DOFS + 8];
        double goal = LIGHT_X + KitchenTask.LIGHT.goal()[0];
        transit(w, from, knob - PUSH_OFFSET - 0.02, LIGHT_Y, 0, false);
        w.add(new Waypoint(knob - PUSH_OFFSET - 0.02, LIGHT_Y, LIGHT_Z, 0, false, 0.012, 2, 20));
        w.add(new Waypoint(goal - PUSH_OFFSET + 0.005, LIGHT_Y, LIGHT_Z, 0, false, 0.01, 2, 20));
        w.add(new Waypoint(goal - PUSH_OFFSET - 0.03, LIGHT_Y, LIGHT_Z, 0, false, 0.02, 1, 10));
        w.add(new Waypoint(goal - PUSH_OFFSET - 0.03, LIGHT_Y - 0.05, TRANSIT_Z, 0, false, 0.04, 1, 15));
    }

    /** Put a closed finger beside the cabinet door's knob, from the front, and push the door along. */
    private static void slide(List<Waypoint> w, double[] o, double[] from) {
        double knob = SLIDE_KNOB_Y + o[Kitchen.ROBOT_DOFS + 9];
        double goal = SLIDE_KNOB_Y + KitchenTask.SLIDE.goal()[0];
        double offset = SLIDE_PUSH_OFFSET;
        double front = SLIDE_X - 0.12;
        transit(w, from, front, knob - offset - 0.02, 0, false);
        w.add(new Waypoint(front, knob - offset - 0.02, SLIDE_Z, 0, false, 0.02, 1, 20));
        w.add(new Waypoint(SLIDE_X, knob - offset - 0.02, SLIDE_Z, 0, false, 0.012, 2, 20));
        w.add(new Waypoint(SLIDE_X, goal - offset + 0.01, SLIDE_Z, 0, false, 0.01, 2, 25));
        w.add(new Waypoint(front, goal - offset + 0.01, SLIDE_Z, 0, false, 0.03, 1, 15));
        w.add(new Waypoint(front, goal - offset, TRANSIT_Z, 0, false, 0.04, 1, 15));
    }

    /** Rise to the transit height, then move above the next approach point. */
    private static void transit(List<Waypoint> w, double[] from, double x, double y, double yaw, boolean open) {
        if (from[2] < TRANSIT_Z - 0.05) {
            w.add(new Waypoint(from[0], from[1], TRANSIT_Z, yaw, open, 0.04, 1, 15));
        }
        w.add(new Waypoint(x, y, Math.max(TRANSIT_Z, from[2]), yaw, open, 0.03, 1, 25));
    }
}
