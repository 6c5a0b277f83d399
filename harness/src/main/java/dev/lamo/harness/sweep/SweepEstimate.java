package dev.lamo.harness.sweep;

import dev.lamo.envs.Folders;
import dev.lamo.envs.data.Datasets;
import dev.lamo.envs.data.DownSampler;
import dev.lamo.envs.data.frames.FrameDatasetReader;
import dev.lamo.harness.train.TrainingJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a sweep's remaining cells will take on this machine, measured rather than guessed: for each algorithm and
 * task it trains a few dozen steps in a scratch folder (timing the steps after the first log interval, so that start-up
 * is not counted) and evaluates that checkpoint with a few episodes, then scales both to the grid.
 */
public final class SweepEstimate {

    /** Measured rates of one algorithm on one task. */
    public record Rate(String algorithm, String env, double stepsPerSecond, double secondsPerEpisode) {
    }

    /**
     * What one (task, ratio) row trains on: the trajectories the down-sample keeps of the file's, and the
     * transitions in them for the grid's sample seed (or seed 0's sample when every training seed draws its own).
     */
    public record RowData(String env, Path data, double ratio, int trajectories, int kept, long transitions,
                          long sampleSeed) {
    }

    /** The measured rates, the data of every row and the remaining time of the grid. */
    public record Result(List<Rate> rates, List<RowData> rows, int cells, int finished, double remainingSeconds) {
    }

    private static final int PROBE_STEPS = 40;
    private static final int PROBE_LOG_EVERY = 10;
    private static final int PROBE_EPISODES = 2;

    private SweepEstimate() {
    }

    public static Result measure(SweepConfig config, Path languageModel, Path corpus) {
        Map<String, Rate> rates = new LinkedHashMap<>();
        for (SweepConfig.Task task : config.tasks()) {
            for (String algorithm : config.algorithms()) {
                rates.put(algorithm + "/" + task.env() + "/" + task.data(), probe(config, algorithm, task, languageModel, corpus));
            }
        }
        double remaining = 0;
        int finished = 0;
        List<SweepCell> cells = config.cells();
        for (SweepCell cell : cells) {
            if (CellStatus.of(cell, config) == CellStatus.FINISHED) {
                finished++;
                continue;
            }
            Rate r = rates.get(cell.algorithm() + "/" + cell.task().env() + "/" + cell.task().data());
            int targets = dev.lamo.policies.PolicyLoader.isReturnConditioned(cell.algorithm())
                    ? dev.lamo.envs.EnvRegistry.spec(cell.task().env()).defaultTargets().size() : 1;
            SweepConfig.Schedule schedule = cell.task().schedule();
            remaining += schedule.steps() / r.stepsPerSecond()
                    + schedule.evaluations() * targets * schedule.evalEpisodes() * r.secondsPerEpisode();
        }
        return new Result(List.copyOf(rates.values()), rows(config), cells.size(), finished, remaining);
    }

    /** Trajectories and transitions per (task, ratio), drawn as the trainers draw them. */
    public static List<RowData> rows(SweepConfig config) {
        List<RowData> rows = new ArrayList<>();
        long seed = config.sampleSeed() != null ? config.sampleSeed() : 0;
        for (SweepConfig.Task task : config.tasks()) {
            int[] lengths;
            DownSampler.Weighting weighting;
            if (FrameDatasetReader.isFrameDataset(task.data())) {
                lengths = FrameDatasetReader.readColumns(task.data()).episodeLengths();
                weighting = DownSampler.Weighting.BY_LENGTH;
            } else {
                lengths = Datasets.open(task.data()).episodeLengths();
                weighting = DownSampler.Weighting.UNIFORM;
            }
            for (double ratio : task.ratios()) {
                int[] chosen = DownSampler.choose(lengths, ratio, seed, weighting);
                long transitions = 0;
                for (int e : chosen) {
                    transitions += lengths[e];
                }
                rows.add(new RowData(task.env(), task.data(), ratio, lengths.length, chosen.length, transitions, seed));
            }
        }
        return rows;
    }

    private static Rate probe(SweepConfig config, String algorithm, SweepConfig.Task task, Path languageModel, Path corpus) {
        Path scratch = Folders.temporary("lamo-sweep-estimate");
        try {
            double ratio = task.ratios().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            List<String> sets = new ArrayList<>(config.overridesFor(algorithm));
            sets.add("log_every=" + PROBE_LOG_EVERY);
            long[] marks = new long[2];
            TrainingJob job = new TrainingJob(algorithm, task.env(), task.data(), ratio, 0L,
                    languageModel, corpus, (long) PROBE_STEPS, 0, scratch.resolve("run"), false,
                    sets, new TrainingJob.Evaluate(PROBE_STEPS, PROBE_EPISODES, 0));
            int[] episodes = new int[1];
            job.run((done, total, extra) -> {
                if (done == PROBE_LOG_EVERY) {
                    marks[0] = System.nanoTime();
                } else if (done == PROBE_STEPS) {
                    marks[1] = System.nanoTime();
                }
            }, outcome -> episodes[0] = outcome.summary().results().stream().mapToInt(r -> r.episodes()).sum());
            long end = System.nanoTime();
            double stepsPerSecond = (PROBE_STEPS - PROBE_LOG_EVERY) / ((marks[1] - marks[0]) / 1e9);
            double secondsPerEpisode = (end - marks[1]) / 1e9 / Math.max(1, episodes[0]);
            return new Rate(algorithm, task.env(), stepsPerSecond, secondsPerEpisode);
        } finally {
            Folders.deleteRecursively(scratch);
        }
    }
}
