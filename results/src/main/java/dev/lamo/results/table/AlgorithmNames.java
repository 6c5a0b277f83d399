package dev.lamo.results.table;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How algorithms and their variants are labelled and ordered in tables and plots: LaMo's column order first, others
 * after; a variant ({@code lamo-nopt}, {@code dt-original}) follows its algorithm and keeps its suffix
 * ({@code LaMo-nopt}).
 */
public final class AlgorithmNames {

    private static final List<String> ORDER = List.of("lamo", "dt", "wiki-rl", "cql", "iql", "td3bc", "bc", "sac");
    private static final Map<String, String> LABELS = Map.of("lamo", "LaMo", "dt", "DT", "wiki-rl", "Wiki-RL",
            "cql", "CQL", "iql", "IQL", "td3bc", "TD3+BC", "bc", "BC", "sac", "SAC");

    public static final Comparator<String> ORDERING = Comparator.comparingInt((String a) -> {
        int i = ORDER.indexOf(base(a));
        return i < 0 ? ORDER.size() : i;
    }).thenComparing((String a) -> !a.equals(base(a))).thenComparing(Comparator.naturalOrder());

    private AlgorithmNames() {
    }

    public static String label(String variant) {
        String base = base(variant);
        return LABELS.containsKey(base) ? LABELS.get(base) + variant.substring(base.length()) : variant;
    }

    /** The algorithm a variant label starts with ({@code lamo} of {@code lamo-nopt}), or the label itself. */
    static String base(String variant) {
        if (LABELS.containsKey(variant)) {
            return variant;
        }
        int dash = variant.indexOf('-');
        return dash > 0 && LABELS.containsKey(variant.substring(0, dash)) ? variant.substring(0, dash) : variant;
    }
}
