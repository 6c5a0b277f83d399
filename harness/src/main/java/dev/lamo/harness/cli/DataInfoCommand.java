package dev.lamo.harness.cli;

import dev.lamo.envs.Json;
import dev.lamo.envs.data.DatasetMetadata;
import dev.lamo.envs.data.DatasetStatistics;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.data.frames.FrameDatasetReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo data info}: size, return distribution, spaces and provenance of a dataset. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Episodes, transitions, return statistics, spaces, provenance and sha256 of a dataset "
                + "(ours, D4RL HDF5, or a Minari folder); for frame datasets (arcade games) also the action histogram.")
final class DataInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Dataset file or Minari folder.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    DatasetReadOptions read;

    @Override
    public Integer call() {
        Map<String, Object> info = FrameDatasetReader.isFrameDataset(file) ? frameInfo() : trajectoryInfo();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.writePretty(info));
            return 0;
        }
        for (Map.Entry<String, Object> e : info.entrySet()) {
            Object v = e.getValue();
            if (v == null || e.getKey().startsWith("observation_")) {
                continue;
            }
            String text = v instanceof Double x ? String.format("%.6g", x) : v instanceof double[] a ? Arrays.toString(a)
                    : v instanceof int[] a ? Arrays.toString(a) : v.toString();
            out.printf("%-24s %s%n", e.getKey(), text);
        }
        return 0;
    }

    /** A frame dataset (arcade games) from its small columns: the frames themselves are not read. */
    private Map<String, Object> frameInfo() {
        FrameDatasetReader.Columns d = FrameDatasetReader.readColumns(file);
        DatasetMetadata m = d.metadata();
        Map<String, Object> info = identity(m, d.episodes(), d.size());
        info.put("frame_shape", new int[] {d.height(), d.width()});
        info.put("frame_stack", d.frameStack());
        info.put("action_count", d.actionCount());
        double[] returns = d.episodeReturns();
        info.put("return_mean", Arrays.stream(returns).average().orElse(Double.NaN));
        info.put("return_std", std(returns));
        info.put("return_min", Arrays.stream(returns).min().orElse(Double.NaN));
        info.put("return_max", Arrays.stream(returns).max().orElse(Double.NaN));
        info.put("return_quantiles", returnQuantiles(returns));
        Map<Double, Long> counts = returnCounts(returns);
        if (counts.size() <= 10) {
            info.put("return_counts", counts);
        }
        int[] lengths = d.episodeLengths();
        info.put("length_mean", Arrays.stream(lengths).average().orElse(Double.NaN));
        info.put("length_min", Arrays.stream(lengths).min().orElse(0));
        info.put("length_max", Arrays.stream(lengths).max().orElse(0));
        int terminated = d.terminatedEpisodes();
        info.put("episodes_terminated", terminated);
        info.put("episodes_truncated", d.episodes() - terminated);
        info.put("dropped_trailing_steps", m.droppedSteps());
        info.put("action_histogram", actionHistogram(d.actions(), d.actionCount(), m.actionSpace().get("names")));
        provenance(info, m);
        info.put("ale_protocol", m.aleProtocol());
        return info;
    }

    /** How often each action was taken, by name when the file names them. */
    static Map<String, Long> actionHistogram(int[] actions, int actionCount, Object names) {
        long[] counts = new long[actionCount];
        for (int a : actions) {
            counts[a]++;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int a = 0; a < actionCount; a++) {
            String name = names instanceof java.util.List<?> l && l.size() == actionCount ? a + " " + l.get(a) : String.valueOf(a);
            out.put(name, counts[a]);
        }
        return out;
    }

    private static double std(double[] x) {
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / x.length);
    }

    /** Where the data came from: behaviour, generation and down-sampling. */
    private static void provenance(Map<String, Object> info, DatasetMetadata m) {
        info.put("behavior", m.behavior());
        info.put("behavior_details", m.behaviorDetails());
        info.put("behavior_score", m.behaviorScore());
        info.put("generation_seed", m.generationSeed());
        info.put("sample_ratio", m.sampleRatio());
        info.put("sample_seed", m.sampleSeed());
        info.put("sampled_from", m.sampledFrom());
    }

    /** The fields every dataset's summary starts with. */
    private Map<String, Object> identity(DatasetMetadata m, int episodes, int transitions) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dataset_id", m.datasetId());
        info.put("file", file.toString());
        info.put("format", m.format());
        info.put("sha256", m.sourceSha256());
        info.put("env_id", m.envId());
        info.put("env_version", m.envVersion());
        info.put("episodes", episodes);
        info.put("transitions", transitions);
        return info;
    }

    private Map<String, Object> trajectoryInfo() {
        TrajectoryDataset d = read.open(file);
        DatasetStatistics s = DatasetStatistics.of(d);
        DatasetMetadata m = d.metadata();
        Map<String, Object> info = identity(m, d.episodes(), d.size());
        info.put("obs_dim", d.observationSize());
        info.put("act_dim", d.actionSize());
        info.put("return_mean", s.returnMean());
        info.put("return_std", s.returnStd());
        info.put("return_min", s.returnMin());
        info.put("return_max", s.returnMax());
        double[] returns = d.episodeReturns();
        info.put("return_quantiles", returnQuantiles(returns));
        Map<Double, Long> counts = returnCounts(returns);
        if (counts.size() <= 10) {
            info.put("return_counts", counts);
        }
        info.put("length_mean", s.lengthMean());
        info.put("length_min", s.lengthMin());
        info.put("length_max", s.lengthMax());
        int terminated = d.terminatedEpisodes();
        info.put("episodes_terminated", terminated);
        info.put("episodes_truncated", d.episodes() - terminated);
        info.put("dropped_trailing_steps", m.droppedSteps());
        provenance(info, m);
        info.put("has_next_observations", d.nextObservations() != null);
        info.put("infos", d.infos().keySet());
        info.put("observation_mean", s.observationMean());
        info.put("observation_std", s.observationStd());
        return info;
    }

    /** Episode-return quantiles (nearest rank): the shape of the distribution that mean and std hide. */
    static Map<String, Double> returnQuantiles(double[] returns) {
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        Map<String, Double> q = new LinkedHashMap<>();
        for (int p : new int[] {10, 25, 50, 75, 90}) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            q.put("p" + p, sorted[Math.max(0, rank - 1)]);
        }
        return q;
    }

    /** How many episodes have each return (shown when there are few distinct returns, as in sparse-reward data). */
    static Map<Double, Long> returnCounts(double[] returns) {
        Map<Double, Long> counts = new java.util.TreeMap<>();
        for (double r : returns) {
            counts.merge(r, 1L, Long::sum);
        }
        return counts;
    }
}
