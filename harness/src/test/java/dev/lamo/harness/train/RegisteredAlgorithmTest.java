package dev.lamo.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.djl.CheckpointableRandom;
import dev.lamo.policies.io.Safetensors;
import dev.lamo.policies.registry.Algorithm;
import dev.lamo.policies.registry.Algorithms;
import dev.lamo.policies.registry.Variant;
import dev.lamo.policies.run.HyperParameters;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.run.TrainingData;
import dev.lamo.policies.run.TrainingRun;
import dev.lamo.results.records.MetricsLog;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import dev.lamo.results.table.EvaluatedRun;
import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding an algorithm touches the registry and the algorithm's own code only: a test-only algorithm (the dataset's
 * mean action, estimated from minibatches, times a scale) and a variant of it are registered in one place, then
 * trained, evaluated and tabulated through the same job, lifecycle, harness and tables as the built-in ones.
 */
class RegisteredAlgorithmTest {

    /** The test algorithm's hyper-parameters. */
    record MeanActionConfig(double scale, int batchSize, long logEvery, long checkpointEvery) {
    }

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void register() {
        if (!Algorithms.contains("mean-action")) {
            Algorithms.register(new Algorithm("mean-action", "the data's mean action (a test algorithm)", true, false, false,
                    env -> 20, env -> new MeanActionConfig(1.0, 8, 5, 10), RegisteredAlgorithmTest::train,
                    RegisteredAlgorithmTest::load, Algorithm.EngineModel.NONE, run -> true));
            Algorithms.register(new Variant("mean-action-half", "mean-action", List.of("scale=0.5"), "half of it"));
        }
        data = dir.resolve("reacher.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new dev.lamo.envs.data.GenerationPlan<>("reacher2d",
                Behaviors.builtIn("scripted", "reacher2d", 1.0), 6, 0, 3, null, 1), n -> { }), data);
    }

    private static void train(dev.lamo.policies.run.TrainingRequest request,
                              List<dev.lamo.policies.run.CheckpointListener> listeners,
                              dev.lamo.policies.run.TrainingProgress progress) {
        MeanActionConfig config = HyperParameters.apply(new MeanActionConfig(1.0, 8, 5, 10), request.overrides());
        TrainingData<TrajectoryDataset> training = TrainingData.forNewRun(request.data(), request.envId(), null, null);
        TrajectoryDataset d = training.data();
        var spec = EnvRegistry.spec(request.envId());
        RunConfig rc = RunConfig.of(request.algorithm(), request.variant(), spec.id(), spec.version(), training.ref(),
                request.seed(), request.stepsOr(20), HyperParameters.asMap(config),
                RunFacts.of(RunFacts.Observation.vector(d.observationSize())), EnvRegistry.simulator(spec.id()),
                spec.clipActions());
        RunDirectory run = RunDirectory.create(request.runDir(), rc);
        new TrainingRun(run, rc, new MeanAction(config, d, new CheckpointableRandom(Seeds.derive(request.seed(), 1))),
                new TrainingRun.Cadence(config.logEvery(), config.checkpointEvery())).train(0, listeners, progress);
    }

    /** Its update: fold one minibatch of actions into the running mean. */
    static final class MeanAction implements TrainingRun.Learner {
        private final MeanActionConfig config;
        private final TrajectoryDataset data;
        private final CheckpointableRandom rng;
        private final double[] sum;
        private long count;

        MeanAction(MeanActionConfig config, TrajectoryDataset data, CheckpointableRandom rng) {
            this.config = config;
            this.data = data;
            this.rng = rng;
            this.sum = new double[data.actionSize()];
        }

        @Override
        public TrainingRun.Update update(long step, MetricsLog metrics) {
            for (int i = 0; i < config.batchSize(); i++) {
                float[] a = data.actions().row(rng.nextInt(data.size()));
                for (int j = 0; j < a.length; j++) {
                    sum[j] += a[j];
                }
                count++;
            }
            return TrainingRun.Update.applied(Map.of("mean_action_0", sum[0] / count));
        }

        @Override
        public List<String> save(Path folder) throws IOException {
            float[] mean = new float[sum.length];
            for (int j = 0; j < mean.length; j++) {
                mean[j] = (float) (config.scale() * sum[j] / count);
            }
            Safetensors.writeFloats(folder.resolve("mean.safetensors"), Map.of("mean", mean),
                    Map.of("mean", new long[] {mean.length}), Map.of());
            return List.of("mean.safetensors");
        }

        @Override
        public void load(Path folder) {
            throw new UnsupportedOperationException("the test algorithm never resumes");
        }

        @Override
        public void saveState(ObjectNode state) {
            state.put("count", count);
        }

        @Override
        public void loadState(JsonNode state) {
            throw new UnsupportedOperationException("the test algorithm never resumes");
        }

        @Override
        public void close() {
        }
    }

    private static Policy load(RunConfig run, Path checkpoint) {
        float[] mean;
        try {
            mean = Safetensors.read(checkpoint.resolve("mean.safetensors")).tensors().get("mean").toFloats();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PolicyInfo info = PolicyInfo.markov(run, run.facts().observation().size(), mean.length, false);
        return new Policy() {
            @Override
            public PolicyInfo info() {
                return info;
            }

            @Override
            public void act(PolicyBatch batch, float[] out) {
                for (int r = 0; r < batch.size(); r++) {
                    System.arraycopy(mean, 0, out, r * mean.length, mean.length);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aRegisteredAlgorithmAndItsVariantTrainEvaluateAndBecomeTableColumns() throws Exception {
        for (String variant : List.of("mean-action", "mean-action-half")) {
            new TrainingJob(variant, "reacher2d", data, null, null, null, null, 20L, 0, dir.resolve("runs").resolve(variant),
                    false, List.of(), new TrainingJob.Evaluate(10, 2, 0)).run((d, t, x) -> { }, o -> { });
        }
        RunConfig half = RunDirectory.open(dir.resolve("runs/mean-action-half")).config();
        assertEquals("mean-action", half.algorithm());
        assertEquals("mean-action-half", half.variant());
        assertEquals(0.5, ((Number) half.hyperparameters().get("scale")).doubleValue());
        assertEquals(List.of(10L, 20L), RunDirectory.open(dir.resolve("runs/mean-action-half")).checkpointSteps());

        ResultTable table = TableBuilder.build(EvaluatedRun.find(List.of(dir.resolve("runs"))),
                TableBuilder.Options.paperDefaults());
        assertEquals(List.of("mean-action", "mean-action-half"), table.algorithms());
        assertEquals(1, table.rows().size());
        assertTrue(table.rows().get(0).cells().keySet().containsAll(List.of("mean-action", "mean-action-half")));
    }

    @Test
    void unknownNamesFailInOneLineListingTheKnownOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Algorithms.variant("lamo-nothing"));
        assertTrue(e.getMessage().startsWith("--variant lamo-nothing: expected one of lamo, dt, cql"), e.getMessage());
        assertTrue(e.getMessage().contains("lamo-nopt"), e.getMessage());
        assertEquals(List.of("pretrained=false"), Algorithms.variant("lamo-nopt").settings());
        assertEquals("dt", Algorithms.variant("dt-original").algorithm());
    }
}
