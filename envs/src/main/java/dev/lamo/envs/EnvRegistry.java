package dev.lamo.envs;

import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.kitchen.Kitchen;
import dev.lamo.envs.locomotion.HalfCheetah;
import dev.lamo.envs.locomotion.Hopper;
import dev.lamo.envs.locomotion.Walker2d;
import dev.lamo.envs.reacher.Reacher2d;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every environment of the project by id: {@code EnvRegistry.make("hopper")}. */
public final class EnvRegistry {

    private record Entry(EnvSpec spec, Function<EnvSpec, Env<?, ?>> factory) {
    }

    private static final Map<String, Entry> ENTRIES = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    private static final List<String> BUILT_IN = List.of("hopper", "walker2d", "halfcheetah", "reacher2d", "kitchen",
            "breakout", "pong", "qbert");

    static {
        register(Hopper.SPEC, Hopper::new);
        register(Walker2d.SPEC, Walker2d::new);
        register(HalfCheetah.SPEC, HalfCheetah::new);
        register(Reacher2d.SPEC, Reacher2d::new);
        register(Kitchen.spec("kitchen"), Kitchen::new);
        for (ArcadeTitle title : ArcadeTitle.values()) {
            register(title.spec(), title::newEnv);
            register(title.machadoSpec(), title::newEnv);
        }
    }

    private EnvRegistry() {
    }

    /**
     * Adds an environment under its spec's id (for example a user's own task, or a test double); fails if the id
     * is taken.
     */
    public static synchronized void register(EnvSpec spec, Function<EnvSpec, Env<?, ?>> factory) {
        if (ENTRIES.containsKey(spec.id())) {
            throw new IllegalArgumentException("environment id '" + spec.id() + "' is already registered");
        }
        ENTRIES.put(spec.id(), new Entry(spec, factory));
    }

    /** Removes an environment added with {@link #register}; the built-in ones stay. */
    public static synchronized void unregister(String id) {
        if (BUILT_IN.contains(id)) {
            throw new IllegalArgumentException("built-in environment '" + id + "' cannot be removed");
        }
        ENTRIES.remove(id);
    }

    /** Ids of all environments, in listing order. */
    public static synchronized List<String> ids() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.keySet()));
    }

    /** The spec of an environment. */
    public static EnvSpec spec(String id) {
        return entry(id).spec();
    }

    /** A new instance of an environment with its default spec. */
    public static Env<?, ?> make(String id) {
        Entry e = entry(id);
        return e.factory().apply(e.spec());
    }

    /** A new instance with a modified spec (for example with action clipping switched off). */
    public static Env<?, ?> make(EnvSpec spec) {
        return entry(spec.id()).factory().apply(spec);
    }

    /** A new continuous-control instance; fails if the environment is not one. */
    public static ContinuousEnv makeContinuous(String id) {
        Env<?, ?> env = make(id);
        if (env instanceof ContinuousEnv c) {
            return c;
        }
        env.close();
        throw new IllegalArgumentException("environment '" + id + "' is not a continuous-control environment");
    }

    /**
     * Whether an environment observes stacked uint8 frames (a pixel game) rather than state vectors, decided from
     * its observation space.
     */
    public static boolean observesFrames(String id) {
        try (Env<?, ?> env = make(id)) {
            return env.observationSpace() instanceof dev.lamo.envs.spaces.BoxSpace box && box.isFrameStack();
        }
    }

    /** Whether {@code id} names an environment (a registered one or a kitchen target list). */
    public static boolean contains(String id) {
        try {
            entry(id);
            return true;
        } catch (IllegalArgumentException e) {
            // unknown ids and malformed kitchen target lists alike
            return false;
        }
    }

    private static synchronized Entry entry(String id) {
        Entry e = ENTRIES.get(id);
        if (e == null && id.startsWith("kitchen-")) {
            // kitchen-TASK-TASK...: any ordered subset of the kitchen's sub-tasks as targets, made on demand
            return new Entry(Kitchen.spec(id), Kitchen::new);
        }
        if (e == null) {
            List<String> known = new ArrayList<>(ids());
            known.add("kitchen-TASK-... (TASK: microwave, kettle, light, slide)");
            throw new UnknownEnvironmentException(id, known);
        }
        return e;
    }

    /** The simulator line that runs and evaluations record: MuJoCo's version, or an arcade protocol's settings. */
    public static String simulator(String id) {
        return ArcadeTitle.contains(id) ? "lamo arcade, ALE protocol " + ArcadeTitle.protocolOf(id).describe()
                : "MuJoCo " + dev.lamo.envs.mujoco.MujocoRuntime.version();
    }
}
