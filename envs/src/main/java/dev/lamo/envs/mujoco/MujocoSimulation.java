package dev.lamo.envs.mujoco;

import static dev.lamo.envs.mujoco.bindings.MuJoCo.*;

import dev.lamo.envs.SimulationException;
import dev.lamo.envs.mujoco.bindings.mjContact;
import dev.lamo.envs.mujoco.bindings.mjData;
import dev.lamo.envs.mujoco.bindings.mjModel;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * One simulation of a shared {@link MujocoModel}: it owns one {@code mjData} and is used by one thread
 * at a time.
 *
 * <p>MuJoCo never reports a bad state by returning NaN: on a bad qpos, qvel or qacc it silently resets
 * the data to the initial pose, on a bad control it zeroes all controls, and it only counts these in
 * {@code mjData.warning}. This class reads those counters after every physics step and turns any new
 * occurrence into a {@link SimulationException}; afterwards the simulation must be {@link #reset()}.
 * Field pointers are fetched once: fetching them per access doubles the cost of a step.
 */
public final class MujocoSimulation implements AutoCloseable {

    /** Warnings that mean the state is invalid (MuJoCo has already reset or zeroed something). */
    private static final int[] FATAL_WARNINGS = {mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC, mjWARN_BADCTRL};
    private static final String[] FATAL_NAMES = {"bad qpos (NaN, Inf or huge value)",
            "bad qvel (NaN, Inf or huge value)", "bad qacc (NaN, Inf or huge value): the simulation is unstable",
            "bad ctrl (NaN, Inf or huge value)"};

    private final MujocoModel model;
    private final mjModel m;
    private mjData d;
    private final int nq;
    private final int nv;
    private final int nu;
    private DoublePointer qpos;
    private DoublePointer qvel;
    private DoublePointer ctrl;
    private DoublePointer siteXpos;
    private DoublePointer xipos;
    private DoublePointer mocapPos;
    private IntPointer warnings;
    private final int[] warningCounts = new int[2 * mjNWARNING];
    private final int[] previousCounts = new int[2 * mjNWARNING];
    private int otherWarnings;
    private boolean broken;
    private double[] compensation;
    private DoublePointer jacp;
    private DoublePointer jacr;

    public MujocoSimulation(MujocoModel model) {
        this.model = model;
        this.m = model.raw();
        this.nq = m.nq();
        this.nv = m.nv();
        this.nu = m.nu();
        allocate();
    }

    private void allocate() {
        d = mj_makeData(m);
        if (d == null || d.isNull()) {
            throw new MujocoException("MuJoCo could not allocate data for model " + model.name());
        }
        qpos = d.qpos();
        qvel = d.qvel();
        ctrl = d.ctrl();
        siteXpos = d.site_xpos();
        xipos = d.xipos();
        mocapPos = d.mocap_pos();
        // mjWarningStat is {int lastinfo; int number;}: read every counter with one copy
        warnings = new IntPointer(d.warning());
        broken = false;
        otherWarnings = 0;
        readWarnings(previousCounts);
    }

    public MujocoModel model() {
        return model;
    }

    /**
     * Returns the data to the model's initial state ({@code mj_resetData}). A simulation that failed gets
     * a fresh {@code mjData}, since MuJoCo's internal stack may be left inconsistent by the failure.
     */
    public void reset() {
        if (broken) {
            mj_deleteData(d);
            allocate();
        } else {
            mj_resetData(m, d);
            readWarnings(previousCounts);
        }
    }

    /** Sets joint positions and velocities and recomputes derived quantities ({@code mj_forward}). */
    public void setState(double[] newQpos, double[] newQvel) {
        requireLength("qpos", newQpos, nq);
        requireLength("qvel", newQvel, nv);
        qpos.put(newQpos);
        qvel.put(newQvel);
        forward();
    }

    /** Recomputes positions, velocities and forces from the current state without advancing time. */
    public void forward() {
        checkUsable();
        try {
            mj_forward(m, d);
        } catch (RuntimeException e) {
            broken = true;
            throw new MujocoException(e.getMessage());
        }
        checkWarnings();
    }

    public void setControl(double[] controls) {
        requireLength("ctrl", controls, nu);
        ctrl.put(controls);
    }

    /** Advances the physics by {@code substeps} time steps with the current controls. */
    public void step(int substeps) {
        checkUsable();
        for (int i = 0; i < substeps; i++) {
            try {
                mj_step(m, d);
            } catch (RuntimeException e) {
                broken = true;
                throw new MujocoException(e.getMessage());
            }
            checkWarnings();
        }
    }

    /**
     * Advances {@code substeps} time steps like {@link #step}, cancelling the gravity and Coriolis forces of the
     * first {@code dofs} degrees of freedom at every step (the bias forces MuJoCo computes in {@code mj_step1}
     * are applied back in {@code mj_step2}), as a robot controller with gravity compensation does.
     */
    public void stepCompensatingBias(int substeps, int dofs) {
        checkUsable();
        if (compensation == null || compensation.length != dofs) {
            compensation = new double[dofs];
        }
        DoublePointer bias = d.qfrc_bias();
        DoublePointer applied = d.qfrc_applied();
        for (int i = 0; i < substeps; i++) {
            try {
                mj_step1(m, d);
                bias.get(compensation, 0, dofs);
                applied.put(compensation, 0, dofs);
                mj_step2(m, d);
            } catch (RuntimeException e) {
                broken = true;
                throw new MujocoException(e.getMessage());
            }
            checkWarnings();
        }
    }

    /**
     * The site's translational and rotational Jacobians, each 3 × nv row-major, for the current state (valid
     * after a step or {@link #forward}).
     */
    public void siteJacobian(int site, double[] positional, double[] rotational) {
        if (jacp == null) {
            jacp = new DoublePointer(3L * nv);
            jacr = new DoublePointer(3L * nv);
        }
        mj_jacSite(m, d, jacp, jacr, site);
        jacp.get(positional, 0, 3 * nv);
        jacr.get(rotational, 0, 3 * nv);
    }

    /** The geom pairs in contact now, as "geom1/geom2" by name (or id when unnamed), for checking scenes. */
    public List<String> contacts() {
        checkUsable();
        List<String> out = new ArrayList<>();
        mjContact contact = d.contact();
        for (int i = 0; i < d.ncon(); i++) {
            mjContact c = contact.getPointer(i);
            out.add(geomName(c.geom1()) + "/" + geomName(c.geom2()));
        }
        return out;
    }

    private String geomName(int id) {
        BytePointer name = mj_id2name(m, mjOBJ_GEOM, id);
        return name == null || name.isNull() ? "#" + id : name.getString();
    }

    /** The site's orientation as a row-major 3 × 3 rotation matrix (columns are the site's axes in world frame). */
    public void siteRotation(int site, double[] out) {
        DoublePointer xmat = d.site_xmat();
        xmat.position(9L * site).get(out, 0, 9);
        xmat.position(0);
    }

    private void checkWarnings() {
        readWarnings(warningCounts);
        for (int k = 0; k < FATAL_WARNINGS.length; k++) {
            int w = 2 * FATAL_WARNINGS[k] + 1;
            if (warningCounts[w] != previousCounts[w]) {
                broken = true;
                String detail = MujocoRuntime.takeLastWarning();
                throw new SimulationException("model " + model.name() + ": MuJoCo reported " + FATAL_NAMES[k]
                        + " at simulated time " + String.format("%.4f", d.time()) + " s"
                        + (detail == null ? "" : " (" + detail + ")") + "; the episode cannot continue");
            }
        }
        for (int w = 1; w < warningCounts.length; w += 2) {
            if (warningCounts[w] != previousCounts[w]) {
                otherWarnings += warningCounts[w] - previousCounts[w];
                previousCounts[w] = warningCounts[w];
            }
        }
    }

    private void readWarnings(int[] into) {
        warnings.get(into);
    }

    private void checkUsable() {
        if (broken) {
            throw new IllegalStateException("simulation of " + model.name() + " failed earlier; reset it first");
        }
    }

    private static void requireLength(String what, double[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " needs " + expected + " values, got " + values.length);
        }
    }

    /** Count of non-fatal MuJoCo warnings (contact buffer full, singular inertia, ...) since the last reset. */
    public int otherWarnings() {
        return otherWarnings;
    }

    public double time() {
        return d.time();
    }

    public double qpos(int i) {
        return qpos.get(i);
    }

    public double qvel(int i) {
        return qvel.get(i);
    }

    /** Copies all joint positions into {@code out} (length nq). */
    public void readQpos(double[] out) {
        qpos.get(out, 0, nq);
    }

    /** Copies all joint velocities into {@code out} (length nv). */
    public void readQvel(double[] out) {
        qvel.get(out, 0, nv);
    }

    public double[] qpos() {
        double[] out = new double[nq];
        readQpos(out);
        return out;
    }

    public double[] qvel() {
        double[] out = new double[nv];
        readQvel(out);
        return out;
    }

    public double[] ctrl() {
        double[] out = new double[nu];
        ctrl.get(out, 0, nu);
        return out;
    }

    /** World position of a site (after the last step or forward), written to {@code out[offset..offset+2]}. */
    public void sitePosition(int site, double[] out, int offset) {
        siteXpos.position(3L * site).get(out, offset, 3);
        siteXpos.position(0);
    }

    /** World position of a body's centre of mass. */
    public void bodyCenterOfMass(int body, double[] out, int offset) {
        xipos.position(3L * body).get(out, offset, 3);
        xipos.position(0);
    }

    /** Moves a mocap body (takes effect at the next forward or step). */
    public void setMocapPosition(int mocapIndex, double x, double y, double z) {
        mocapPos.position(3L * mocapIndex).put(x, y, z);
        mocapPos.position(0);
    }

    /** The constraint solver's warm start ({@code qacc_warmstart}), which the next step starts from. */
    public double[] warmstart() {
        double[] out = new double[nv];
        d.qacc_warmstart().get(out);
        return out;
    }

    /**
     * Restores a state exactly: positions, velocities, mocap bodies and clock, derived quantities recomputed,
     * then the solver warm start (set last so that the recomputation cannot touch it).
     */
    public void restore(double[] newQpos, double[] newQvel, double[] mocap, double[] warmstart, double time) {
        requireLength("qacc_warmstart", warmstart, nv);
        setMocapPositions(mocap);
        d.time(time);
        setState(newQpos, newQvel);
        d.qacc_warmstart().put(warmstart);
    }

    /** Positions of all mocap bodies, three coordinates each. */
    public double[] mocapPositions() {
        double[] out = new double[3 * m.nmocap()];
        if (out.length > 0) {
            mocapPos.get(out);
        }
        return out;
    }

    /** Sets the positions of all mocap bodies, three coordinates each. */
    public void setMocapPositions(double[] positions) {
        requireLength("mocap_pos", positions, 3 * m.nmocap());
        mocapPos.put(positions);
    }

    @Override
    public void close() {
        if (d != null) {
            mj_deleteData(d);
            d = null;
        }
        if (jacp != null) {
            jacp.close();
            jacr.close();
            jacp = null;
            jacr = null;
        }
    }
}
