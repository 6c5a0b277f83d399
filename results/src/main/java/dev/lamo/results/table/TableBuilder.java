package dev.lamo.results.table;

import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.stats.Descriptive;
import dev.lamo.results.stats.Interval;
import dev.lamo.results.stats.RobustAggregates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates evaluated runs into a {@link ResultTable}: one row per (environment, dataset, ratio), one cell per
 * algorithm holding the mean and std over seeds of each seed's score. A seed's score is the checkpoint rule
 * applied to its evaluation curve at the cell's return target. Runs that were not produced under the same
 * protocol are refused, never averaged.
 */
public final class TableBuilder {

    /**
     * @param checkpoint which evaluations count
     * @param target     which return target a cell reports
     * @param paper      add LaMo's published numbers as reference columns
     * @param stats      add the interquartile means and the probability of improvement
     * @param bootstrapSeed seed of the bootstrap behind the intervals
     */
    public record Options(CheckpointRule checkpoint, TargetRule target, boolean paper, boolean stats,
                          int bootstrapRepetitions, long bootstrapSeed) {

        public static Options paperDefaults() {
            return new Options(new CheckpointRule.Window(0.2, null), new TargetRule.Max(), false, false,
                    RobustAggregates.DEFAULT_REPETITIONS, 0);
        }
    }

    private TableBuilder() {
    }

    public static ResultTable build(List<EvaluatedRun> runs, Options options) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no evaluated runs to tabulate");
        }
        requireOneProtocolPerEnvironment(runs);
        Map<RowKey, Map<String, Map<Long, EvaluatedRun>>> grouped = new TreeMap<>();
        for (EvaluatedRun run : runs) {
            Map<Long, EvaluatedRun> seeds = grouped.computeIfAbsent(run.rowKey(), k -> new TreeMap<>(AlgorithmNames.ORDERING))
                    .computeIfAbsent(run.config().variant(), a -> new TreeMap<>());
            EvaluatedRun twin = seeds.put(run.config().seed(), run);
            if (twin != null) {
                throw new IncomparableRunsException("two runs of " + run.config().variant() + " with seed "
                        + run.config().seed() + " in row " + describe(run.rowKey()) + ": " + twin.dir() + " and " + run.dir()
                        + "; pass only one of them");
            }
        }
        PaperReference reference = options.paper() ? PaperReference.lamoIclr2024() : null;
        TreeSet<String> algorithms = new TreeSet<>(AlgorithmNames.ORDERING);
        List<Row> rows = new ArrayList<>();
        grouped.forEach((key, byAlgorithm) -> {
            requireOneDatasetFile(key, byAlgorithm);
            Map<String, Cell> cells = new LinkedHashMap<>();
            byAlgorithm.forEach((algorithm, seeds) -> {
                cells.put(algorithm, cell(key, algorithm, seeds, options));
                algorithms.add(algorithm);
            });
            PaperReference.Match match = reference == null ? null : reference.find(key);
            Map<String, PaperScore> paper = new LinkedHashMap<>();
            if (match != null) {
                match.scores().forEach((algorithm, score) -> {
                    if (cells.containsKey(algorithm)) {
                        paper.put(algorithm, score);
                    }
                });
            }
            rows.add(new Row(key.env(), key.dataset(), key.ratio(), trajectories(key, byAlgorithm), cells, paper,
                    paper.isEmpty() ? null : match.table()));
        });
        List<String> columns = List.copyOf(algorithms);
        Map<String, Double> average = new LinkedHashMap<>();
        for (String a : columns) {
            boolean everywhere = rows.stream().allMatch(r -> r.cells().containsKey(a));
            average.put(a, everywhere ? rows.stream().mapToDouble(r -> r.cells().get(a).mean()).average().orElseThrow() : null);
        }
        TableStatistics statistics = options.stats() ? statistics(rows, columns, options) : null;
        Map<String, String> backbones = backbones(runs, columns);
        return new ResultTable(ResultTable.SCHEMA, ResultTable.VERSION, options.checkpoint().spec(), options.target().spec(),
                columns, rows, average, backbones, protocol(runs, rows, options, reference, backbones), statistics);
    }

    /** The row's trajectory count; every run of a row trained on the same file and ratio, so on as many. */
    private static int trajectories(RowKey key, Map<String, Map<Long, EvaluatedRun>> byAlgorithm) {
        Integer count = null;
        for (Map<Long, EvaluatedRun> seeds : byAlgorithm.values()) {
            for (EvaluatedRun run : seeds.values()) {
                if (run.config().dataset() == null) {
                    continue;
                }
                int n = run.config().dataset().episodes();
                if (count != null && count != n) {
                    throw new IncomparableRunsException("row " + describe(key) + ": runs trained on different numbers of "
                            + "trajectories (" + count + " and " + n + " in " + run.dir() + ")");
                }
                count = n;
            }
        }
        return count == null ? 0 : count;
    }

    /** One backbone per column: a column mixing backbones (a LaMo on two language models) is refused. */
    private static Map<String, String> backbones(List<EvaluatedRun> runs, List<String> columns) {
        Map<String, String> backbones = new LinkedHashMap<>();
        Map<String, EvaluatedRun> firstRun = new LinkedHashMap<>();
        for (String a : columns) {
            for (EvaluatedRun run : runs) {
                if (!run.config().variant().equals(a)) {
                    continue;
                }
                String b = Backbones.describe(run.config());
                if (b == null) {
                    continue;
                }
                String earlier = backbones.putIfAbsent(a, b);
                firstRun.putIfAbsent(a, run);
                if (earlier != null && !earlier.equals(b)) {
                    throw new IncomparableRunsException(AlgorithmNames.label(a) + " runs on different backbones (" + earlier
                            + " in " + firstRun.get(a).dir() + ", " + b + " in " + run.dir() + "); tabulate them separately");
                }
            }
        }
        return backbones;
    }

    private static Cell cell(RowKey key, String algorithm, Map<Long, EvaluatedRun> seeds, Options options) {
        long steps = -1;
        for (EvaluatedRun run : seeds.values()) {
            if (steps >= 0 && run.config().steps() != steps) {
                throw new IncomparableRunsException(algorithm + " in row " + describe(key) + ": seeds trained for different "
                        + "numbers of steps (" + steps + " and " + run.config().steps() + " in " + run.dir() + ")");
            }
            steps = run.config().steps();
            long lastEvaluated = run.scores().values().stream().mapToLong(TreeMap::lastKey).max().orElseThrow();
            if (lastEvaluated != steps) {
                throw new IncomparableRunsException(run.dir() + ": training planned " + steps + " steps but the last "
                        + "evaluation is at step " + lastEvaluated + " (unfinished? continue it with lamo train --resume)");
            }
        }
        // score of every seed at every target the seeds share
        Map<Double, Map<Long, Double>> byTarget = new TreeMap<>(TargetOrder.COMPARATOR);
        for (Double target : commonTargets(key, algorithm, seeds)) {
            Map<Long, Double> perSeed = new TreeMap<>();
            for (Map.Entry<Long, EvaluatedRun> e : seeds.entrySet()) {
                EvaluatedRun run = e.getValue();
                try {
                    perSeed.put(e.getKey(), options.checkpoint().score(run.scores().get(target), run.config().steps()));
                } catch (IllegalArgumentException ex) {
                    throw new IncomparableRunsException(run.dir() + ": " + ex.getMessage());
                }
            }
            byTarget.put(target, perSeed);
        }
        Double chosen = chooseTarget(key, algorithm, byTarget, options.target());
        double[] scores = byTarget.get(chosen).values().stream().mapToDouble(Double::doubleValue).toArray();
        return new Cell(chosen, Descriptive.mean(scores), Descriptive.std(scores), scores.length, byTarget.get(chosen), steps);
    }

    private static TreeSet<Double> commonTargets(RowKey key, String algorithm, Map<Long, EvaluatedRun> seeds) {
        TreeSet<Double> common = null;
        for (EvaluatedRun run : seeds.values()) {
            TreeSet<Double> targets = new TreeSet<>(TargetOrder.COMPARATOR);
            targets.addAll(run.scores().keySet());
            if (common != null && !common.equals(targets)) {
                throw new IncomparableRunsException(algorithm + " in row " + describe(key) + ": seeds were evaluated at "
                        + "different return targets (" + common + " and " + targets + " in " + run.dir() + ")");
            }
            common = targets;
        }
        return common;
    }

    /** {@code max}: the target whose mean over seeds is best (the first of equals); never chosen per seed. */
    private static Double chooseTarget(RowKey key, String algorithm, Map<Double, Map<Long, Double>> byTarget, TargetRule rule) {
        if (byTarget.size() == 1 && byTarget.containsKey(null)) {
            return null; // not return-conditioned: there is nothing to choose
        }
        if (rule instanceof TargetRule.Fixed fixed) {
            for (Double t : byTarget.keySet()) {
                if (t != null && Math.abs(t - fixed.target()) < 1e-9) {
                    return t;
                }
            }
            throw new IncomparableRunsException("--target " + rule.spec() + ": " + algorithm + " in row " + describe(key)
                    + " was evaluated at targets " + byTarget.keySet() + " only");
        }
        Double best = null;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, Map<Long, Double>> e : byTarget.entrySet()) {
            double mean = e.getValue().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            if (mean > bestMean) {
                bestMean = mean;
                best = e.getKey();
            }
        }
        return best;
    }

    /** Every run of one environment must share the environment version, simulator, reference scores and episodes. */
    private static void requireOneProtocolPerEnvironment(List<EvaluatedRun> runs) {
        Map<String, EvaluatedRun> first = new LinkedHashMap<>();
        for (EvaluatedRun run : runs) {
            EvaluatedRun other = first.putIfAbsent(run.config().envId(), run);
            if (other == null) {
                continue;
            }
            String difference = protocolDifference(other, run);
            if (difference != null) {
                throw new IncomparableRunsException("mixed protocols for " + run.config().envId() + ": " + difference + " ("
                        + other.dir() + " vs " + run.dir() + "); tabulate them separately");
            }
        }
    }

    private static String protocolDifference(EvaluatedRun a, EvaluatedRun b) {
        EvaluationSummary.Protocol p = a.protocol();
        EvaluationSummary.Protocol q = b.protocol();
        if (!Objects.equals(a.config().envVersion(), b.config().envVersion())) {
            return "environment version " + a.config().envVersion() + " vs " + b.config().envVersion();
        }
        if (!Objects.equals(p.simulator(), q.simulator())) {
            return "simulator " + p.simulator() + " vs " + q.simulator();
        }
        if (p.refMinScore() != q.refMinScore() || p.refMaxScore() != q.refMaxScore()) {
            return "reference scores " + p.refMinScore() + "/" + p.refMaxScore() + " vs " + q.refMinScore() + "/" + q.refMaxScore();
        }
        if (p.episodesPerTarget() != q.episodesPerTarget()) {
            return p.episodesPerTarget() + " vs " + q.episodesPerTarget() + " episodes per target";
        }
        if (p.clipActions() != q.clipActions()) {
            return "action clipping " + p.clipActions() + " vs " + q.clipActions();
        }
        if (!p.runtimeOrLegacy().equals(q.runtimeOrLegacy())) {
            return "policy runtime " + p.runtimeOrLegacy() + " vs " + q.runtimeOrLegacy() + " (results depend on the runtime)";
        }
        if (p.dependsOnBatchSize() && !Objects.equals(p.maxBatch(), q.maxBatch())) {
            return "forward batches of at most " + p.maxBatch() + " vs " + q.maxBatch() + " (results depend on the batch size)";
        }
        if (p.maxEpisodeSteps() != q.maxEpisodeSteps()) {
            return "episode limit " + p.maxEpisodeSteps() + " vs " + q.maxEpisodeSteps() + " steps";
        }
        return null;
    }

    /** A row compares runs on one dataset: its runs must have been trained from the same file content. */
    private static void requireOneDatasetFile(RowKey key, Map<String, Map<Long, EvaluatedRun>> byAlgorithm) {
        EvaluatedRun first = null;
        for (Map<Long, EvaluatedRun> seeds : byAlgorithm.values()) {
            for (EvaluatedRun run : seeds.values()) {
                if (run.config().dataset() == null) {
                    continue;
                }
                if (first != null && !Objects.equals(first.config().dataset().sha256(), run.config().dataset().sha256())) {
                    throw new IncomparableRunsException("row " + describe(key) + ": dataset '" + key.dataset()
                            + "' comes from different files (sha256 " + first.config().dataset().sha256() + " in "
                            + first.dir() + ", " + run.config().dataset().sha256() + " in " + run.dir() + ")");
                }
                first = first == null ? run : first;
            }
        }
    }

    private static TableStatistics statistics(List<Row> rows, List<String> algorithms, Options options) {
        Map<String, Interval> iqm = new LinkedHashMap<>();
        Map<String, Integer> tasks = new LinkedHashMap<>();
        for (String a : algorithms) {
            List<double[]> perTask = scoresPerTask(rows, a, null);
            iqm.put(a, RobustAggregates.interquartileMeanInterval(perTask, options.bootstrapRepetitions(), options.bootstrapSeed()));
            tasks.put(a, perTask.size());
        }
        List<TableStatistics.Improvement> improvements = new ArrayList<>();
        improvements.add(improvement(rows, "lamo", "dt", options));
        if (algorithms.contains("lamo-nopt")) {
            improvements.add(improvement(rows, "lamo", "lamo-nopt", options));
        }
        return new TableStatistics(iqm, tasks, List.copyOf(improvements), options.bootstrapRepetitions(), options.bootstrapSeed());
    }

    /** P(algorithm > baseline) over the rows that have both. */
    private static TableStatistics.Improvement improvement(List<Row> rows, String algorithm, String baseline, Options options) {
        List<double[]> x = scoresPerTask(rows, algorithm, baseline);
        List<double[]> y = scoresPerTask(rows, baseline, algorithm);
        Interval p = x.isEmpty() ? null : RobustAggregates.probabilityOfImprovementInterval(x, y,
                options.bootstrapRepetitions(), options.bootstrapSeed());
        return new TableStatistics.Improvement(algorithm, baseline, p, x.size());
    }

    /** Per row where {@code algorithm} (and {@code alsoRequired}, if given) has a cell: its seeds' scores. */
    private static List<double[]> scoresPerTask(List<Row> rows, String algorithm, String alsoRequired) {
        List<double[]> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.cells().containsKey(algorithm) && (alsoRequired == null || r.cells().containsKey(alsoRequired))) {
                out.add(r.cells().get(algorithm).scoresBySeed().values().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return out;
    }

    private static List<String> protocol(List<EvaluatedRun> runs, List<Row> rows, Options options, PaperReference reference,
                                         Map<String, String> backbones) {
        List<String> lines = new ArrayList<>();
        lines.add("Cells: mean ± std over seeds (population std) of each seed's score, with the number of seeds in "
                + "brackets; a seed's score is the mean normalised score of its evaluation episodes.");
        lines.add("Checkpoints (--checkpoint " + options.checkpoint().spec() + "): " + options.checkpoint().describe() + ".");
        lines.add("Return target (--target " + options.target().spec() + "): " + options.target().describe()
                + "; each cell's target is in the CSV and JSON formats.");
        Map<String, EvaluatedRun> byEnv = new TreeMap<>();
        runs.forEach(r -> byEnv.putIfAbsent(r.config().envId(), r));
        byEnv.forEach((env, run) -> {
            EvaluationSummary.Protocol p = run.protocol();
            lines.add(String.format(Locale.ROOT, "%s %s: normalised 100·(return − %s)/(%s − %s), reference scores from %s; "
                            + "%d episodes per target and checkpoint; %s; episodes of at most %d steps, actions %s; "
                            + "forward batches of at most %s; policy runtime %s%s.",
                    env, run.config().envVersion(), number(p.refMinScore()), number(p.refMaxScore()), number(p.refMinScore()),
                    p.refScoreSource(), p.episodesPerTarget(), p.simulator(), p.maxEpisodeSteps(),
                    p.clipActions() ? "clipped to the action bounds" : "not clipped",
                    p.maxBatch() == null ? "(not recorded)" : p.maxBatch().toString(), p.runtimeOrLegacy(),
                    p.dependsOnBatchSize() ? "" : " (batch-invariant)"));
        });
        lines.add("Average row: mean of the row means, only for algorithms with a cell in every row.");
        lines.add("Trajectories: how many trajectories of the dataset each run of the row trained on (all of its "
                + "down-sample).");
        if (!backbones.isEmpty()) {
            List<String> parts = new ArrayList<>();
            backbones.forEach((a, b) -> parts.add(AlgorithmNames.label(a) + " " + b));
            lines.add("Backbones (layers × width): " + String.join("; ", parts) + ".");
        }
        if (reference != null && rows.stream().noneMatch(r -> !r.paper().isEmpty())) {
            lines.add("Paper columns: no row has a published counterpart (matched by environment, dataset kind in the "
                    + "dataset id and ratio, only for " + String.join(", ", new TreeSet<>(PaperReference.COMPARABLE_ENVS)) + ").");
        } else if (reference != null) {
            lines.add("Paper columns: " + reference.source() + ", measured on " + reference.measuredOn()
                    + "; the paper's LaMo runs on GPT-2 small (124M), not on our backbone"
                    + "; matched by environment, dataset kind in the dataset id and ratio, only for "
                    + String.join(", ", new TreeSet<>(PaperReference.COMPARABLE_ENVS)) + ".");
        }
        if (options.stats()) {
            lines.add("Statistics: interquartile mean over every (row, seed) score and the probability that LaMo beats "
                    + "DT (and LaMo-nopt, when present) on a row, with 95 % percentile intervals from " + options.bootstrapRepetitions()
                    + " stratified bootstrap replications (seed " + options.bootstrapSeed() + "); rliable's definitions.");
        }
        return lines;
    }

    static String describe(RowKey key) {
        return key.env() + "/" + key.dataset() + "/" + number(key.ratio());
    }

    /** A number without trailing zeros: 0.005, 0.1, 1, 3234.3. */
    public static String number(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
