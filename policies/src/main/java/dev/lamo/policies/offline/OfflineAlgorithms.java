package dev.lamo.policies.offline;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The offline baselines by name: their hyper-parameter records and how to build their learners. */
public final class OfflineAlgorithms {

    /** One algorithm: its defaults, its record type and its learner. */
    record Algorithm<C extends OfflineConfig>(String name, C defaults, Class<C> configType, Factory<C> factory) {

        OfflineLearner learner(OfflineConfig config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng) {
            return factory.create(configType.cast(config), stateDim, actionDim, totalSteps, initRng);
        }
    }

    interface Factory<C> {
        OfflineLearner create(C config, int stateDim, int actionDim, long totalSteps, RandomGenerator initRng);
    }

    private static final Map<String, Algorithm<?>> ALGORITHMS = Map.of(
            "bc", new Algorithm<>("bc", BcConfig.defaults(), BcConfig.class, BcLearner::new),
            "td3bc", new Algorithm<>("td3bc", Td3BcConfig.defaults(), Td3BcConfig.class, Td3BcLearner::new),
            "iql", new Algorithm<>("iql", IqlConfig.defaults(), IqlConfig.class, IqlLearner::new),
            "cql", new Algorithm<>("cql", CqlConfig.defaults(), CqlConfig.class, CqlLearner::new));

    public static final List<String> NAMES = List.of("cql", "td3bc", "iql", "bc");

    private OfflineAlgorithms() {
    }

    public static boolean contains(String name) {
        return ALGORITHMS.containsKey(name);
    }

    static Algorithm<?> get(String name) {
        Algorithm<?> a = ALGORITHMS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown offline algorithm '" + name + "' (expected one of " + NAMES + ")");
        }
        return a;
    }
}
