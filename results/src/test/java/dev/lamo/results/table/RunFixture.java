package dev.lamo.results.table;

import dev.lamo.envs.Json;
import dev.lamo.results.records.DatasetRef;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EvaluationSummary;
import dev.lamo.results.records.Records;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a run directory with config.json and eval/ records whose episode scores a test chooses. */
public final class RunFixture {

    private final Path dir;
    private final String algorithm;
    private final String env;
    private final long seed;
    private long steps = 100;
    private String variant;
    private String dataset = "hopper-medium-s0";
    private double ratio = 0.1;
    private String sha = "abc";
    private int episodesPerTarget = 2;
    private double refMax = 100;
    private int maxBatch = 128;
    private String runtime = null;
    private int trajectories = 10;
    private Map<String, Object> hyperparameters = Map.of();
    private Map<String, Object> extra = Map.of();
    private final Map<Double, Map<Long, double[]>> scores = new LinkedHashMap<>();

    public RunFixture(Path root, String algorithm, String env, long seed) {
        this.algorithm = algorithm;
        this.env = env;
        this.seed = seed;
        this.dir = root.resolve(algorithm + "-" + env + "-s" + seed + "-" + System.nanoTime());
    }

    /** Records the run as a variant of its algorithm (e.g. lamo-nopt). */
    public RunFixture variant(String label) {
        this.variant = label;
        return this;
    }

    public RunFixture steps(long steps) {
        this.steps = steps;
        return this;
    }

    public RunFixture dataset(String id, double ratio, String sha) {
        this.dataset = id;
        this.ratio = ratio;
        this.sha = sha;
        return this;
    }

    public RunFixture episodesPerTarget(int n) {
        this.episodesPerTarget = n;
        return this;
    }

    /** The evaluation's largest forward batch and runtime (null: a record from before runtimes were recorded). */
    public RunFixture forward(int maxBatch, String runtime) {
        this.maxBatch = maxBatch;
        this.runtime = runtime;
        return this;
    }

    /** How many trajectories the run recorded training on. */
    public RunFixture trajectories(int n) {
        this.trajectories = n;
        return this;
    }

    /**
     * The run's recorded hyper-parameters and provenance, as a version-1 extra map would hold it ({@code architecture},
     * {@code lm}); written as the typed facts.
     */
    public RunFixture recorded(Map<String, Object> hyperparameters, Map<String, Object> extra) {
        this.hyperparameters = hyperparameters;
        this.extra = extra;
        return this;
    }

    public RunFixture refMax(double refMax) {
        this.refMax = refMax;
        return this;
    }

    /** Normalised scores of the episodes of one checkpoint at one target. */
    public RunFixture eval(Double target, long step, double... episodeScores) {
        scores.computeIfAbsent(target, t -> new LinkedHashMap<>()).put(step, episodeScores);
        return this;
    }

    public Path write() {
        DatasetRef ref = new DatasetRef(dataset + "@" + ratio + "s0", "/data/" + dataset + ".hdf5", sha, ratio, 0L, trajectories,
                1000);
        RunFacts facts = RunFacts.of(RunFacts.Observation.vector(11));
        if (extra.get("architecture") instanceof Map<?, ?> shape) {
            facts = facts.withArchitecture(Json.mapper().convertValue(shape, Map.class));
        }
        if (extra.containsKey("lm")) {
            facts = facts.withLanguageModel(Json.mapper().convertValue(extra.get("lm"), RunFacts.LanguageModel.class));
        }
        RunConfig.of(algorithm, variant, env, "v2", ref, seed, steps, hyperparameters, facts, "MuJoCo 2.2.2", true)
                .write(dir.resolve(RunConfig.FILE));
        List<String> lines = new ArrayList<>();
        scores.forEach((target, bySteps) -> bySteps.forEach((step, values) -> {
            for (int i = 0; i < values.length; i++) {
                lines.add(Json.write(EpisodeRecord.of(step, target, i, 7, values[i] * refMax / 100, values[i], 1000, false,
                        true, null, 0.1)));
            }
        }));
        EvaluationSummary.Protocol protocol = new EvaluationSummary.Protocol(episodesPerTarget, 0, 20, 1000, 0, refMax,
                "test", true, 1000, "MuJoCo 2.2.2", "episodes", maxBatch, runtime);
        try {
            Files.createDirectories(dir.resolve("eval"));
            Files.write(dir.resolve("eval/episodes.jsonl"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Records.write(dir.resolve("eval/summary.json"), EvaluationSummary.of(new EvaluationSummary.Run(dir.toString(),
                algorithm, env, "v2", ref, seed), protocol, List.of(), Map.of()));
        return dir;
    }
}
