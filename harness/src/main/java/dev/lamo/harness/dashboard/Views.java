package dev.lamo.harness.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard sends to the page and to {@code lamo watch}: typed records written as snake_case JSON. Numbers
 * that are not finite are sent as null (JSON has no NaN).
 */
public final class Views {

    private Views() {
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Everything the page lists, sent on every change. */
    public record Snapshot(long revision, List<String> roots, List<RunRow> runs, List<EvaluationRow> evaluations,
                    List<SweepRow> sweeps, List<BenchRow> benchmarks, List<String> problems) {
    }

    /** One line of the runs list. */
    public record RunRow(String id, String path, String algorithm, String variant, String env, String dataset, Double ratio,
                  Long seed, long step, long totalSteps, Double etaSeconds, String state, boolean stateInferred,
                  String reason, Double lastScore, long revision, long malformedLines) {
    }

    /** A run's curves, fetched when the page shows it. */
    public record RunDetail(RunRow run, Map<String, Curve> training, Map<String, Curve> evaluation, String host, Long pid,
                     Double updatesPerSecond) {
    }

    /** A curve: step on x, a value on y (null where not finite); {@code appended} counts every point seen. */
    public record Curve(List<Double> x, List<Double> y, long appended) {
    }

    /** Results of one checkpoint and target so far. */
    public record TargetProgress(long checkpointStep, String target, int episodes, Integer episodesPlanned, Double scoreMean,
                          Double scoreStd, int failures) {
    }

    /** One evaluation folder (a run's {@code eval/} or a {@code lamo eval --out} folder). */
    public record EvaluationRow(String id, String path, String run, String state, boolean stateInferred, String reason,
                         long episodes, Long episodesPlanned, Double etaSeconds, Double envStepsPerSecond,
                         Double meanBatch, Double forwardP50Ms, Double forwardP99Ms, Double runtimeSeconds,
                         String runtime, String device, String host, List<TargetProgress> targets,
                         Map<String, Long> failureReasons, long malformedLines, long revision) {
    }

    /** One cell of a sweep grid. */
    public record SweepCellRow(String algorithm, String env, double ratio, long seed, String state, String runId) {
    }

    /** A sweep: its grid, the time left and the table of its finished cells. */
    public record SweepRow(String id, String path, String out, int cells, int done, int running, int pending, int failed,
                    Double etaSeconds, List<SweepCellRow> grid, String table, String tableProblem) {
    }

    /** One {@code lamo bench harness --json} record as a curve of env steps/s against concurrency. */
    public record BenchRow(String id, String path, String label, String policy, String env, int cores, String runtime,
                    String device, List<Integer> concurrency, List<Double> envStepsPerSecond,
                    Double sequentialEnvStepsPerSecond, Double speedup) {
    }
}
