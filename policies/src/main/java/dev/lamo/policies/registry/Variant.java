package dev.lamo.policies.registry;

import java.util.List;

/**
 * A named way of running an algorithm: the label runs record and tables put in a column, the algorithm, and the
 * settings it applies before the user's own {@code --set} overrides (which win). Every algorithm is also a variant
 * of itself with no settings.
 *
 * @param label     e.g. {@code lamo-nopt}
 * @param algorithm the registered algorithm it runs
 * @param settings  {@code key=value} hyper-parameter settings
 * @param summary   what it is, for help texts and table notes
 */
public record Variant(String label, String algorithm, List<String> settings, String summary) {

    public Variant {
        if (label == null || !label.matches("[a-z0-9][a-z0-9+._-]*")) {
            throw new IllegalArgumentException("variant label must be lower-case letters, digits and + . _ -, got '"
                    + label + "'");
        }
        settings = List.copyOf(settings);
    }
}
