package dev.lamo.results.table;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** How algorithms are labelled and ordered in tables and plots: LaMo's column order first, others after. */
public final class AlgorithmNames {

    private static final List<String> ORDER = List.of("lamo", "dt", "wiki-rl", "cql", "iql", "td3bc", "bc", "sac");
    private static final Map<String, String> LABELS = Map.of("lamo", "LaMo", "dt", "DT", "wiki-rl", "Wiki-RL",
            "cql", "CQL", "iql", "IQL", "td3bc", "TD3+BC", "bc", "BC", "sac", "SAC");

    public static final Comparator<String> ORDERING = Comparator.comparingInt((String a) -> {
        int i = ORDER.indexOf(a);
        return i < 0 ? ORDER.size() : i;
    }).thenComparing(Comparator.naturalOrder());

    private AlgorithmNames() {
    }

    public static String label(String algorithm) {
        return LABELS.getOrDefault(algorithm, algorithm);
    }
}
