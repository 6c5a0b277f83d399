package dev.lamo.policies.offline;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The offline baselines by name: their hyper-parameter records and how to build their learners. The same name
 * means the same method on either kind of data, so that tables group a pixel game's {@code cql} with MuJoCo's:
 * on state vectors with continuous actions all four baselines exist; on pixel games with discrete actions
 * {@code bc} and {@code cql} (Table 2's comparison), chosen by what the environment observes.
 */
public final class OfflineAlgorithms {

    /** One algorithm: its defaults, its record type and its learner. */
    record Algorithm<C extends OfflineSchedule, B>(String name, String summary, C defaults, Class<C> configType,
                                                  Factory<C, B> factory) {

        OfflineLearner<B> learner(OfflineSchedule config, int observationSize, int actionSize, long totalSteps,
                                  RandomGenerator initRng) {
            return factory.create(configType.cast(config), observationSize, actionSize, totalSteps, initRng);
        }
    }

    /**
     * Builds a learner. For state vectors the sizes are the state and action dimensions; for frames they are the
     * frames per stacked observation and the number of discrete actions.
     */
    interface Factory<C, B> {
        OfflineLearner<B> create(C config, int observationSize, int actionSize, long totalSteps, RandomGenerator initRng);
    }

    private static final Map<String, Algorithm<? extends OfflineConfig, Transitions.Batch>> ALGORITHMS = Map.of(
            "bc", new Algorithm<>("bc", "behaviour cloning (discrete on pixel games)", BcConfig.defaults(), BcConfig.class,
                    BcLearner::new),
            "td3bc", new Algorithm<>("td3bc", "TD3+BC (CORL defaults)", Td3BcConfig.defaults(), Td3BcConfig.class,
                    Td3BcLearner::new),
            "iql", new Algorithm<>("iql", "Implicit Q-Learning (CORL defaults)", IqlConfig.defaults(), IqlConfig.class,
                    IqlLearner::new),
            "cql", new Algorithm<>("cql", "Conservative Q-Learning (CORL defaults; discrete CQL on pixel games)",
                    CqlConfig.defaults(), CqlConfig.class, CqlLearner::new));

    private static final Map<String, Algorithm<? extends FrameConfig, FrameTransitions.Batch>> FRAME_ALGORITHMS = Map.of(
            "bc", new Algorithm<>("bc", "discrete behaviour cloning", DiscreteBcConfig.defaults(), DiscreteBcConfig.class,
                    DiscreteBcLearner::new),
            "cql", new Algorithm<>("cql", "discrete CQL", DiscreteCqlConfig.defaults(), DiscreteCqlConfig.class,
                    DiscreteCqlLearner::new));

    public static final List<String> NAMES = List.of("cql", "td3bc", "iql", "bc");

    /** The baselines that train on pixel games. */
    public static final List<String> FRAME_NAMES = List.of("cql", "bc");

    private OfflineAlgorithms() {
    }

    public static boolean contains(String name) {
        return ALGORITHMS.containsKey(name);
    }

    /** A few words on a baseline, for help texts. */
    public static String summary(String name) {
        return get(name).summary();
    }

    /** The hyper-parameter record of a new run of a baseline in an environment (frames or state vectors). */
    public static Object defaults(String name, String envId) {
        return OfflineTrainer.isPixelGame(envId) ? frames(name, envId).defaults() : get(name).defaults();
    }

    static Algorithm<? extends OfflineConfig, Transitions.Batch> get(String name) {
        Algorithm<? extends OfflineConfig, Transitions.Batch> a = ALGORITHMS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown offline algorithm '" + name + "' (expected one of " + NAMES + ")");
        }
        return a;
    }

    static Algorithm<? extends FrameConfig, FrameTransitions.Batch> frames(String name, String envId) {
        Algorithm<? extends FrameConfig, FrameTransitions.Batch> a = FRAME_ALGORITHMS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("'" + name + "' has no pixel-game version; " + envId + " trains with one of "
                    + FRAME_NAMES);
        }
        return a;
    }
}
