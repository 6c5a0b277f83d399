package dev.lamo.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Json;
import dev.lamo.policies.registry.Algorithms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file: a grid of algorithms × tasks (environment and dataset) × ratios × seeds, how long each cell trains
 * and how it is evaluated during training, and how the table is made. Paths are relative to the file's folder.
 *
 * <pre>{@code
 * {
 *   "out": "sweep-results",
 *   "algorithms": ["lamo", "dt"],
 *   "tasks": [{"env": "reacher2d", "data": "data/reacher2d-medium.hdf5"}],
 *   "ratios": [0.1, 0.3, 1],
 *   "seeds": [0, 1, 2],
 *   "steps": 3000,
 *   "eval_every": 500,
 *   "eval_episodes": 10,
 *   "set": {"lamo": ["lm_loss_weight=0.1"]},
 *   "table": {"checkpoint": "window:0.2", "target": "max", "paper": true}
 * }
 * }</pre>
 *
 * <p>A task may set its own {@code ratios}, {@code steps}, {@code eval_every} and {@code eval_episodes}, which replace the
 * file's for that task (a Reacher2d episode is 100 steps and a Hopper one up to 1,000, so they need different
 * budgets); the file-level keys are then the defaults, and may be left out when every task sets its own.
 *
 * @param sampleSeed   seed of the down-sampling: every training seed of a (dataset, ratio) trains on that one
 *                     subset, as in LaMo's D4RL, Kitchen and Reacher2d experiments (their files were down-sampled
 *                     once, offline); null gives each training seed its own subset, as only LaMo's Atari buffer
 *                     does (scripts/paper-tables.sh sets 0)
 * @param overrides    {@code --set} overrides per algorithm ({@code "*"} for all)
 * @param languageModel LaMo's language model (null: the cached default one)
 */
public record SweepConfig(Path file, Path out, List<String> algorithms, List<Task> tasks, List<Long> seeds, long evalSeed, Long sampleSeed,
                          Map<String, List<String>> overrides, Path languageModel, String checkpointRule, String targetRule,
                          boolean paper) {

    /** One environment with the dataset its cells train on, the ratios it is down-sampled to and its schedule. */
    public record Task(String env, Path data, List<Double> ratios, Schedule schedule) {
    }

    /** How long a task's cells train and how they are evaluated during training. */
    public record Schedule(long steps, long evalEvery, int evalEpisodes) {

        /** Evaluation points of one cell, the last step included. */
        public long evaluations() {
            return (steps + evalEvery - 1) / evalEvery;
        }
    }

    private static final Set<String> KEYS = Set.of("out", "algorithms", "tasks", "ratios", "seeds", "steps", "eval_every",
            "eval_episodes", "eval_seed", "sample_seed", "set", "lm", "table");
    private static final Set<String> TASK_KEYS = Set.of("env", "data", "ratios", "steps", "eval_every", "eval_episodes");

    /** Reads and checks a sweep file; every problem is one line naming the file and the key. */
    public static SweepConfig read(Path file) {
        JsonNode root = Json.readObjectFile(file);
        Reader r = new Reader(file, root);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (expected one of " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> algorithms = r.strings("algorithms");
        for (String a : algorithms) {
            if (!Algorithms.labels().contains(a) || !Algorithms.get(Algorithms.variant(a).algorithm()).offline()) {
                throw new IllegalArgumentException(file + ": algorithms: expected offline algorithms or their variants ("
                        + String.join(", ", Algorithms.labels().stream()
                                .filter(l -> Algorithms.get(Algorithms.variant(l).algorithm()).offline()).toList())
                        + "), found '" + a + "'");
            }
        }
        List<Double> fileRatios = root.has("ratios") ? ratios(file, "ratios", r.numbers("ratios")) : null;
        Long fileSteps = root.has("steps") ? Long.valueOf(r.positiveLong("steps", null)) : null;
        Long fileEvalEvery = root.has("eval_every") ? Long.valueOf(r.positiveLong("eval_every", null)) : null;
        long fileEvalEpisodes = r.positiveLong("eval_episodes", 10L);
        List<Task> tasks = new ArrayList<>();
        JsonNode tasksNode = r.required("tasks");
        if (!tasksNode.isArray() || tasksNode.isEmpty()) {
            throw new IllegalArgumentException(file + ": tasks: expected a non-empty list of {\"env\": ..., \"data\": ...}");
        }
        for (int i = 0; i < tasksNode.size(); i++) {
            JsonNode t = tasksNode.get(i);
            String where = "tasks[" + i + "]";
            if (!t.isObject()) {
                throw new IllegalArgumentException(file + ": " + where + ": expected {\"env\": ..., \"data\": ...}, found " + t);
            }
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!TASK_KEYS.contains(key)) {
                    throw new IllegalArgumentException(file + ": " + where + ": unknown key '" + key + "' (expected one of "
                            + new java.util.TreeSet<>(TASK_KEYS) + ")");
                }
            }
            String env = t.path("env").asText(null);
            String data = t.path("data").asText(null);
            if (env == null || data == null) {
                throw new IllegalArgumentException(file + ": " + where + ": every task needs \"env\" and \"data\", found " + t);
            }
            if (!EnvRegistry.contains(env)) {
                throw new IllegalArgumentException(file + ": " + where + ": unknown environment '" + env + "' (known: "
                        + EnvRegistry.ids() + ")");
            }
            Reader tr = new Reader(file, t, where + ".");
            List<Double> ratios = t.has("ratios") ? ratios(file, where + ".ratios", tr.numbers("ratios")) : fileRatios;
            Long steps = t.has("steps") ? Long.valueOf(tr.positiveLong("steps", null)) : fileSteps;
            Long evalEvery = t.has("eval_every") ? Long.valueOf(tr.positiveLong("eval_every", null)) : fileEvalEvery;
            long evalEpisodes = t.has("eval_episodes") ? tr.positiveLong("eval_episodes", null) : fileEvalEpisodes;
            if (ratios == null || steps == null || evalEvery == null) {
                String missing = ratios == null ? "ratios" : steps == null ? "steps" : "eval_every";
                throw new IllegalArgumentException(file + ": missing key '" + missing + "' (at the top level or in " + where + ")");
            }
            tasks.add(new Task(env, base.resolve(data).normalize(), ratios, new Schedule(steps, evalEvery, (int) evalEpisodes)));
        }
        List<Long> seeds = r.numbers("seeds").stream().map(Double::longValue).toList();
        long evalSeed = root.path("eval_seed").asLong(0);
        Long sampleSeed = root.hasNonNull("sample_seed") ? root.get("sample_seed").asLong() : null;
        Map<String, List<String>> overrides = new LinkedHashMap<>();
        JsonNode set = root.path("set");
        if (!set.isMissingNode()) {
            if (!set.isObject()) {
                throw new IllegalArgumentException(file + ": set: expected {\"ALGORITHM or *\": [\"key=value\", ...]}");
            }
            set.fields().forEachRemaining(e -> overrides.put(e.getKey(), new Reader(file, set).strings(e.getKey())));
        }
        Path lm = root.hasNonNull("lm") ? base.resolve(root.get("lm").asText()).normalize() : null;
        JsonNode table = root.path("table");
        Path out = base.resolve(root.hasNonNull("out") ? root.get("out").asText() : "sweep-results").normalize();
        return new SweepConfig(file, out, algorithms, List.copyOf(tasks), seeds, evalSeed, sampleSeed, overrides, lm, table.path("checkpoint").asText("window:0.2"), table.path("target").asText("max"),
                table.path("paper").asBoolean(true));
    }

    /** The cells of the grid in a fixed order: task, ratio, seed, algorithm. */
    public List<SweepCell> cells() {
        List<SweepCell> cells = new ArrayList<>();
        for (Task t : tasks) {
            for (double ratio : t.ratios()) {
                for (long seed : seeds) {
                    for (String a : algorithms) {
                        cells.add(new SweepCell(a, t, ratio, seed, out.resolve("runs")));
                    }
                }
            }
        }
        return cells;
    }

    private static List<Double> ratios(Path file, String key, List<Double> ratios) {
        for (double ratio : ratios) {
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException(file + ": " + key + ": expected values in (0, 1], found " + ratio);
            }
        }
        return ratios;
    }

    /** Overrides for one algorithm: the shared ones, then its own. */
    public List<String> overridesFor(String algorithm) {
        List<String> sets = new ArrayList<>(overrides.getOrDefault("*", List.of()));
        sets.addAll(overrides.getOrDefault(algorithm, List.of()));
        return sets;
    }

    /** Typed access to the file's keys with one-line errors. */
    private record Reader(Path file, JsonNode root, String prefix) {

        Reader(Path file, JsonNode root) {
            this(file, root, "");
        }

        JsonNode required(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                throw new IllegalArgumentException(file + ": missing key '" + prefix + key + "'");
            }
            return n;
        }

        List<String> strings(String key) {
            return list(key, JsonNode::isTextual, JsonNode::asText, "strings");
        }

        List<Double> numbers(String key) {
            return list(key, JsonNode::isNumber, JsonNode::asDouble, "numbers");
        }

        private <T> List<T> list(String key, java.util.function.Predicate<JsonNode> valid,
                                 java.util.function.Function<JsonNode, T> value, String what) {
            JsonNode n = required(key);
            if (!n.isArray() || n.isEmpty()) {
                throw new IllegalArgumentException(file + ": " + prefix + key + ": expected a non-empty list of " + what + ", found " + n);
            }
            List<T> out = new ArrayList<>();
            for (JsonNode v : n) {
                if (!valid.test(v)) {
                    throw new IllegalArgumentException(file + ": " + prefix + key + ": expected " + what + ", found " + v);
                }
                out.add(value.apply(v));
            }
            return List.copyOf(out);
        }

        long positiveLong(String key, Long fallback) {
            JsonNode n = root.get(key);
            if (n == null && fallback != null) {
                return fallback;
            }
            if (n == null || !n.canConvertToLong() || n.asLong() < 1) {
                throw new IllegalArgumentException(file + ": " + prefix + key + ": expected a positive integer, found "
                        + (n == null ? "nothing" : n.toString()));
            }
            return n.asLong();
        }
    }
}
