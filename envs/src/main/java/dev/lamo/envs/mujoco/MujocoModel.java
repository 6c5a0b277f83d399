package dev.lamo.envs.mujoco;

import static dev.lamo.envs.mujoco.bindings.MuJoCo.*;

import dev.lamo.envs.mujoco.bindings.mjModel;
import dev.lamo.envs.mujoco.bindings.mjVFS;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * A compiled MuJoCo model ({@code mjModel}). It is read-only after compilation and shared by every
 * simulation of it, on any thread; each simulation owns its own {@code mjData}.
 */
public final class MujocoModel implements AutoCloseable {

    private static final int ERROR_BUFFER = 1000;
    private static final Map<String, MujocoModel> SHARED = new ConcurrentHashMap<>();

    private final String name;
    private final boolean shared;
    private mjModel model;

    private MujocoModel(String name, mjModel model, boolean shared) {
        this.name = name;
        this.model = model;
        this.shared = shared;
    }

    /**
     * The model compiled from an MJCF file on the class path, compiled once per process and shared.
     * Shared models live as long as the process; {@link #close()} does nothing on them.
     */
    public static MujocoModel shared(String resource) {
        return SHARED.computeIfAbsent(resource, r -> {
            try (InputStream in = MujocoModel.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new MujocoException("MJCF resource " + r + " not found on the class path");
                }
                return new MujocoModel(r, compile(r, in.readAllBytes()), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read MJCF resource " + r, e);
            }
        });
    }

    /** Compiles an MJCF file from disk (with any files it includes, relative to its folder). */
    public static MujocoModel load(Path file) {
        MujocoRuntime.ensureLoaded();
        if (!Files.isRegularFile(file)) {
            throw new MujocoException("MJCF file " + file + " not found");
        }
        try (BytePointer error = new BytePointer(ERROR_BUFFER)) {
            mjModel m = mj_loadXML(file.toString(), null, error, ERROR_BUFFER);
            if (m == null || m.isNull()) {
                throw new MujocoException("MJCF file " + file + " is not a valid model: " + error.getString().trim());
            }
            return new MujocoModel(file.toString(), m, false);
        }
    }

    /** Compiles MJCF text held in memory; {@code name} appears in error messages. */
    public static MujocoModel fromXml(String name, byte[] xml) {
        return new MujocoModel(name, compile(name, xml), false);
    }

    private static mjModel compile(String name, byte[] xml) {
        MujocoRuntime.ensureLoaded();
        String fileName = "model.xml";
        // the virtual file system lets MuJoCo read the XML from memory instead of a temporary file
        try (mjVFS vfs = new mjVFS(); BytePointer error = new BytePointer(ERROR_BUFFER)) {
            mj_defaultVFS(vfs);
            try {
                if (mj_makeEmptyFileVFS(vfs, fileName, xml.length) != 0) {
                    throw new MujocoException("cannot place MJCF " + name + " in MuJoCo's virtual file system");
                }
                int index = mj_findFileVFS(vfs, fileName);
                new BytePointer(vfs.filedata(index)).capacity(xml.length).put(xml);
                mjModel m = mj_loadXML(fileName, vfs, error, ERROR_BUFFER);
                if (m == null || m.isNull()) {
                    throw new MujocoException("MJCF " + name + " is not a valid model: " + error.getString().trim());
                }
                return m;
            } finally {
                mj_deleteVFS(vfs);
            }
        }
    }

    /** The native model, for simulations of it. */
    mjModel raw() {
        if (model == null) {
            throw new IllegalStateException("model " + name + " is closed");
        }
        return model;
    }

    public String name() {
        return name;
    }

    public int nq() {
        return raw().nq();
    }

    public int nv() {
        return raw().nv();
    }

    public int nu() {
        return raw().nu();
    }

    public int nbody() {
        return raw().nbody();
    }

    public int njnt() {
        return raw().njnt();
    }

    public int nmocap() {
        return raw().nmocap();
    }

    /** Physics time step in seconds. */
    public double timestep() {
        return raw().opt().timestep();
    }

    /** Initial joint positions ({@code qpos0}). */
    public double[] qpos0() {
        return read(raw().qpos0(), nq());
    }

    public double[] bodyMass() {
        return read(raw().body_mass(), nbody());
    }

    /** Principal moments of inertia, three per body. */
    public double[] bodyInertia() {
        return read(raw().body_inertia(), 3 * nbody());
    }

    /** Joint limits, two per joint (unlimited joints report their unused range). */
    public double[] jointRange() {
        return read(raw().jnt_range(), 2 * njnt());
    }

    public boolean jointLimited(int joint) {
        return raw().jnt_limited().get(joint) != 0;
    }

    /** Actuator gears, six per actuator (the first is the scalar gear of a joint motor). */
    public double[] actuatorGear() {
        return read(raw().actuator_gear(), 6 * nu());
    }

    /** Control limits, two per actuator. */
    public double[] actuatorCtrlRange() {
        return read(raw().actuator_ctrlrange(), 2 * nu());
    }

    /** Friction coefficients (sliding, torsional, rolling) of a geom. */
    public double[] geomFriction(int geom) {
        double[] f = new double[3];
        raw().geom_friction().position(3L * geom).get(f);
        return f;
    }

    /** Index of a named object of the given {@code mjOBJ_*} type; fails if it does not exist. */
    public int id(int objectType, String objectName) {
        int id = mj_name2id(raw(), objectType, objectName);
        if (id < 0) {
            throw new MujocoException("model " + name + " has no object named '" + objectName + "' of type " + objectType);
        }
        return id;
    }

    public int bodyId(String body) {
        return id(mjOBJ_BODY, body);
    }

    public int jointId(String joint) {
        return id(mjOBJ_JOINT, joint);
    }

    public int siteId(String site) {
        return id(mjOBJ_SITE, site);
    }

    public int geomId(String geom) {
        return id(mjOBJ_GEOM, geom);
    }

    /** Address of a joint's first coordinate in {@code qpos}. */
    public int jointQposAddress(String joint) {
        return raw().jnt_qposadr().get(jointId(joint));
    }

    static double[] read(DoublePointer p, int n) {
        double[] out = new double[n];
        p.get(out);
        return out;
    }

    static int[] read(IntPointer p, int n) {
        int[] out = new int[n];
        p.get(out);
        return out;
    }

    @Override
    public void close() {
        if (!shared && model != null) {
            mj_deleteModel(model);
            model = null;
        }
    }

    @Override
    public String toString() {
        return "MujocoModel(" + name + ", nq=" + nq() + ", nv=" + nv() + ", nu=" + nu() + ")";
    }
}
