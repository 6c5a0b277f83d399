package dev.lamo.results.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of a run's evaluations count, and how they become the run's score: {@code last}, {@code best},
 * {@code window:FRACTION} (the mean over the last fraction of training; the paper's rule is {@code window:0.2}),
 * {@code window:STEPS} (the last STEPS steps) or {@code top:K} (the mean of the K best, LaMo's Kitchen appendix).
 */
public sealed interface CheckpointRule {

    /** The run's score from its curve (step → mean normalised score) and its planned training steps. */
    double score(TreeMap<Long, Double> curve, long totalSteps);

    String describe();

    /** The rule as written on the command line, for example {@code window:0.2}. */
    String spec();

    record Last() implements CheckpointRule {
        public double score(TreeMap<Long, Double> curve, long totalSteps) {
            return curve.lastEntry().getValue();
        }

        public String describe() {
            return "last evaluated checkpoint";
        }

        public String spec() {
            return "last";
        }
    }

    record Best() implements CheckpointRule {
        public double score(TreeMap<Long, Double> curve, long totalSteps) {
            return Collections.max(curve.values());
        }

        public String describe() {
            return "best evaluated checkpoint (optimistic)";
        }

        public String spec() {
            return "best";
        }
    }

    /**
     * The mean over evaluations after step {@code totalSteps - span}, the step at the window's start excluded: with
     * 100k steps evaluated every 2.5k, {@code window:0.2} averages the 8 evaluations from 82.5k to 100k.
     */
    record Window(Double fraction, Long steps) implements CheckpointRule {
        public double score(TreeMap<Long, Double> curve, long totalSteps) {
            long span = fraction != null ? Math.round(totalSteps * fraction) : steps;
            long from = totalSteps - span;
            Map<Long, Double> window = curve.tailMap(from, false);
            if (window.isEmpty()) {
                throw new IllegalArgumentException("no evaluation after step " + from + " of " + totalSteps
                        + " (evaluations at " + curve.keySet() + "); evaluate more often or choose another --checkpoint rule");
            }
            return window.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        public String describe() {
            return fraction != null ? "mean of the evaluations in the last " + Math.round(100 * fraction) + " % of training"
                    : "mean of the evaluations in the last " + steps + " steps";
        }

        public String spec() {
            return "window:" + (fraction != null ? fraction.toString() : steps.toString());
        }
    }

    record Top(int k) implements CheckpointRule {
        public double score(TreeMap<Long, Double> curve, long totalSteps) {
            List<Double> v = new ArrayList<>(curve.values());
            v.sort(Collections.reverseOrder());
            return v.subList(0, Math.min(k, v.size())).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        public String describe() {
            return "mean of the " + k + " best evaluated checkpoints";
        }

        public String spec() {
            return "top:" + k;
        }
    }

    static CheckpointRule parse(String text) {
        try {
            if (text.equals("last")) {
                return new Last();
            }
            if (text.equals("best")) {
                return new Best();
            }
            if (text.startsWith("window:")) {
                String v = text.substring(7);
                if (v.contains(".")) {
                    double f = Double.parseDouble(v);
                    if (!(f > 0 && f <= 1)) {
                        throw new NumberFormatException();
                    }
                    return new Window(f, null);
                }
                long s = Long.parseLong(v);
                if (s < 1) {
                    throw new NumberFormatException();
                }
                return new Window(null, s);
            }
            if (text.startsWith("top:")) {
                int k = Integer.parseInt(text.substring(4));
                if (k < 1) {
                    throw new NumberFormatException();
                }
                return new Top(k);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("--checkpoint: expected last, best, window:FRACTION (0 < f <= 1, with a "
                + "decimal point), window:STEPS or top:K, found '" + text + "'");
    }
}
