package dev.lamo.envs.kitchen;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.mujoco.MujocoEnv;
import dev.lamo.envs.mujoco.MujocoModel;
import dev.lamo.envs.mujoco.MujocoSimulation;
import dev.lamo.envs.spaces.BoxSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A Kitchen-style manipulation task with a sparse reward: a seven-joint arm with a two-finger gripper must
 * complete target sub-tasks (open the microwave, move the kettle, switch on the light, slide the cabinet), in
 * any order; +1 the first time each target is done.
 *
 * <ul>
 *   <li>Action (9, each in [−1, 1]): arm joint velocity commands (× 1.5 rad/s) for the seven joints, then the
 *       two finger commands (−1 closed and squeezing, +1 open at 4 cm each). Gravity and Coriolis forces of the arm are
 *       cancelled at every physics step.</li>
 *   <li>Observation (29): robot joint positions (7 arm + 2 fingers); object coordinates: microwave door angle
 *       (1), kettle position and orientation quaternion (7), light knob position (1), slide door position (1);
 *       then the goal values of those same 10 object coordinates (D4RL's kitchen lays its observation out the
 *       same way with more objects).</li>
 *   <li>Terminates when every target is done; truncated after 280 steps. Control period 0.08 s: 20 physics
 *       steps of 4 ms. References 0 and the number of targets: the normalised score is the percentage of
 *       targets done.</li>
 *   <li>Reset: the arm at its home posture plus U(−0.02, 0.02) rad per joint, fingers open, objects at rest in
 *       their closed or initial places.</li>
 * </ul>
 */
public final class Kitchen extends MujocoEnv {

    public static final int FRAME_SKIP = 20;
    public static final int MAX_STEPS = 280;
    public static final double MAX_JOINT_SPEED = 1.5;
    public static final double FINGER_OPEN = 0.04;
    private static final double FINGER_CLOSED_TARGET = -0.02;
    public static final int ARM_JOINTS = 7;
    public static final int ROBOT_DOFS = 9;
    /** Arm home posture: the hand 0.4 m in front of the base, pointing down. */
    public static final double[] HOME = {0, 0.35, 0, 1.65, 0, 1.15, 0};
    static final List<KitchenTask> OBJECTS = List.of(KitchenTask.MICROWAVE, KitchenTask.KETTLE, KitchenTask.LIGHT,
            KitchenTask.SLIDE);
    public static final int OBSERVATION_SIZE = ROBOT_DOFS + 2 * 10;

    private final List<KitchenTask> targets;
    private final int[] objectQpos = new int[OBJECTS.size()];
    /** Where each target's object coordinates start in qpos, in target order. */
    private final int[] targetQpos;
    private final double[] goal = new double[10];
    private final boolean[] done;
    private final double[] qpos;
    private final double[] control = new double[9];
    private final int grip;

    public Kitchen(EnvSpec spec) {
        super(spec, MujocoModel.shared("/dev/lamo/envs/mjcf/kitchen.xml"), FRAME_SKIP, OBSERVATION_SIZE, unitBox());
        this.targets = tasksOf(spec.id());
        this.done = new boolean[targets.size()];
        this.targetQpos = new int[targets.size()];
        int g = 0;
        for (int i = 0; i < OBJECTS.size(); i++) {
            KitchenTask t = OBJECTS.get(i);
            objectQpos[i] = model.jointQposAddress(t.joint());
            System.arraycopy(t.goal(), 0, goal, g, t.size());
            g += t.size();
        }
        for (int i = 0; i < targets.size(); i++) {
            targetQpos[i] = objectQpos[OBJECTS.indexOf(targets.get(i))];
        }
        this.qpos = new double[model.nq()];
        this.grip = model.siteId("grip");
    }

    private static BoxSpace unitBox() {
        double[] low = new double[9];
        double[] high = new double[9];
        Arrays.fill(low, -1);
        Arrays.fill(high, 1);
        return new BoxSpace(new int[] {9}, low, high, BoxSpace.DType.FLOAT32);
    }

    /** The target list of an id: {@code kitchen} (microwave, kettle, light, slide) or {@code kitchen-task-task...}. */
    public static List<KitchenTask> tasksOf(String id) {
        if (id.equals("kitchen")) {
            return OBJECTS;
        }
        if (!id.startsWith("kitchen-")) {
            throw new IllegalArgumentException("not a kitchen id: '" + id + "'");
        }
        List<KitchenTask> tasks = new ArrayList<>();
        for (String name : id.substring("kitchen-".length()).split("-")) {
            KitchenTask t = KitchenTask.parse(name);
            if (tasks.contains(t)) {
                throw new IllegalArgumentException("kitchen id '" + id + "' names " + name + " twice");
            }
            tasks.add(t);
        }
        return List.copyOf(tasks);
    }

    /** The spec of a kitchen id: references 0 and the number of targets, LaMo's kitchen settings. */
    public static EnvSpec spec(String id) {
        List<KitchenTask> tasks = tasksOf(id);
        return new EnvSpec(id, "v0", MAX_STEPS, 0, tasks.size(), "number of target sub-tasks (LaMo Table 5: 0 and 4)", 1.0,
                List.of(5.0, 4.0, 3.0, 2.0, 1.0), List.of(4.0, 5.0), true,
                "Kitchen-style arm with sparse rewards: " + tasks.stream().map(KitchenTask::joint).toList());
    }

    public List<KitchenTask> targets() {
        return targets;
    }

    @Override
    protected void initializeEpisode(RandomGenerator rng) {
        double[] q = model.qpos0();
        for (int j = 0; j < ARM_JOINTS; j++) {
            q[j] = HOME[j] + (rng.nextDouble() * 2 - 1) * 0.02;
        }
        q[7] = FINGER_OPEN;
        q[8] = FINGER_OPEN;
        sim.setState(q, new double[model.nv()]);
        Arrays.fill(done, false);
    }

    @Override
    protected double advance(double[] action) {
        for (int j = 0; j < ARM_JOINTS; j++) {
            control[j] = action[j] * MAX_JOINT_SPEED;
        }
        control[7] = fingerTarget(action[7]);
        control[8] = fingerTarget(action[8]);
        sim.setControl(control);
        sim.stepCompensatingBias(frameSkip, ARM_JOINTS);
        sim.readQpos(qpos);
        double reward = 0;
        for (int i = 0; i < targets.size(); i++) {
            KitchenTask t = targets.get(i);
            if (!done[i] && t.distance(qpos, targetQpos[i]) < t.tolerance()) {
                done[i] = true;
                reward += 1;
            }
        }
        return reward;
    }

    /**
     * A finger's position target: +1 open (4 cm), −1 two centimetres past closed, so that a closed hand squeezes
     * what it holds with the servo's force instead of just touching it.
     */
    private static double fingerTarget(double action) {
        return FINGER_CLOSED_TARGET + (action + 1) * 0.5 * (FINGER_OPEN - FINGER_CLOSED_TARGET);
    }

    @Override
    protected boolean isTerminal() {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected Map<String, Object> stepInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            info.put(targets.get(i).joint(), done[i]);
        }
        return info;
    }

    @Override
    public double[] currentObservation() {
        sim.readQpos(qpos);
        double[] o = new double[OBSERVATION_SIZE];
        System.arraycopy(qpos, 0, o, 0, ROBOT_DOFS);
        int k = ROBOT_DOFS;
        for (int i = 0; i < OBJECTS.size(); i++) {
            int size = OBJECTS.get(i).size();
            System.arraycopy(qpos, objectQpos[i], o, k, size);
            k += size;
        }
        System.arraycopy(goal, 0, o, k, goal.length);
        return o;
    }

    /** Which targets are done so far in this episode, in target order. */
    public boolean[] completed() {
        return done.clone();
    }

    /** World position of the point between the fingertips. */
    public double[] gripPosition() {
        double[] p = new double[3];
        sim.sitePosition(grip, p, 0);
        return p;
    }

    /** Site id of the grip point, for controllers that need its Jacobian. */
    public int gripSite() {
        return grip;
    }

    /** The simulation, for scripted controllers (inverse kinematics); do not step it directly. */
    public MujocoSimulation simulation() {
        return sim;
    }
}
