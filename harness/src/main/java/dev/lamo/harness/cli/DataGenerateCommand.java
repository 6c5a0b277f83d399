package dev.lamo.harness.cli;

import dev.lamo.envs.data.GenerationPlan;
import dev.lamo.envs.EnvRegistry;
import dev.lamo.envs.arcade.ArcadeBehavior;
import dev.lamo.envs.arcade.ArcadeTitle;
import dev.lamo.envs.behavior.Behavior;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.envs.data.TrajectoryDataset;
import dev.lamo.envs.data.frames.FrameDatasetGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo data generate}: a dataset from a behaviour run in one of our environments. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Run a behaviour (random, scripted, or a checkpoint) in an environment and write the episodes "
                + "as a dataset; episodes run in parallel and the file is identical for any thread count. Arcade games "
                + "(breakout, pong, qbert) give frame datasets: single uint8 84x84 frames, discrete actions.")
final class DataGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "Environment id.")
    String envId;

    @Option(names = "--behavior", required = true, description = "random, scripted, or a run directory/checkpoint.")
    String behavior;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    static final class Size {
        @Option(names = "--episodes", description = "Number of episodes.")
        Integer episodes;

        @Option(names = "--transitions", description = "Number of transitions; the last episode is cut and marked as a timeout.")
        Long transitions;
    }

    @Option(names = "--seed", required = true, description = "Generation seed: episode i is seeded from (seed, i).")
    long seed;

    @Option(names = "--noise", description = "Action noise of a scripted behaviour (default: its medium-quality level); "
            + "for arcade games the probability ε of a random action per step (medium: breakout 0.1, pong 0.5, qbert 0.1).")
    Double noise;

    @Option(names = "--demos", description = "Kitchen only: which sub-task sequences the scripted demonstrations do, "
            + "as D4RL's kitchen datasets: complete (every target, in order), partial (half of them every target, the "
            + "others a subset), mixed (subsets only). Default: complete.")
    String demos;

    @Option(names = "--stochastic", description = "With a checkpoint: sample actions from the policy's distribution "
            + "(D4RL's rollouts) instead of taking its deterministic action.")
    boolean stochastic;

    @Option(names = "--dataset-id", description = "Dataset id (default: derived from env, behaviour, size and seed).")
    String datasetId;

    @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", required = true, description = "Output HDF5 file.")
    Path out;

    @Override
    public Integer call() {
        EnvRegistry.spec(envId);
        int episodes = size.episodes == null ? 0 : size.episodes;
        long transitions = size.transitions == null ? 0 : size.transitions;
        if (episodes < 0 || transitions < 0 || episodes + transitions == 0) {
            throw new BadInputException("--episodes or --transitions must be positive");
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new BadInputException("--threads must be >= 1, got " + workers);
        }
        if (FrameDatasetGenerator.isArcade(envId)) {
            return generateFrames(episodes, transitions, workers);
        }
        Behavior b = resolve();
        Progress progress = new Progress(spec.commandLine().getErr(), "generate " + envId, episodes > 0 ? episodes : 0);
        TrajectoryDataset d;
        try {
            // D4RL names its kitchen sets by their demonstrations (kitchen-complete, -partial, -mixed); so do we
            String id = datasetId == null && demos != null
                    ? envId + "-" + demos + "-" + (episodes > 0 ? episodes + "ep" : transitions + "tr") + "-s" + seed : datasetId;
            d = DatasetGenerator.generate(new GenerationPlan<>(envId, b, episodes, transitions, seed, id, workers),
                    done -> progress.update(done, episodes > 0 ? episodes : done, done + " episodes"));
        } finally {
            if (b instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a policy frees native memory; a failure there changes nothing written
                }
            }
        }
        DatasetWriter.write(d, out);
        spec.commandLine().getOut().printf("%s: %d episodes, %d transitions, mean normalised score %s -> %s%n",
                d.metadata().datasetId(), d.episodes(), d.size(),
                d.metadata().behaviorScore() == null ? "n/a" : String.format("%.2f", d.metadata().behaviorScore()), out);
        return 0;
    }

    /** Arcade games: single uint8 frames, discrete actions, an ε-noisy scripted expert or random play. */
    private Integer generateFrames(int episodes, long transitions, int workers) {
        if (!Behaviors.isBuiltIn(behavior)) {
            throw new BadInputException("--behavior for arcade game " + envId + ": expected random or scripted, got " + behavior);
        }
        if (demos != null || stochastic) {
            throw new BadInputException((demos != null ? "--demos" : "--stochastic") + " does not apply to arcade game "
                    + envId);
        }
        if (noise != null && behavior.equals("random")) {
            throw new BadInputException("--noise is the scripted expert's ε; random play has none");
        }
        ArcadeBehavior b = behavior.equals("random") ? ArcadeBehavior.random()
                : ArcadeBehavior.scripted(ArcadeTitle.parse(envId), noise);
        Progress progress = new Progress(spec.commandLine().getErr(), "generate " + envId, episodes > 0 ? episodes : 0);
        long start = System.nanoTime();
        FrameDatasetGenerator.Summary s = FrameDatasetGenerator.generate(
                new GenerationPlan<>(envId, b, episodes, transitions, seed, datasetId, workers), out,
                done -> progress.update(done, episodes > 0 ? episodes : done, done + " episodes"));
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf("%s: %d episodes, %d transitions (%s, ε %.2f), mean return %.2f, mean normalised "
                        + "score %s, %.0f transitions/s -> %s%n", s.datasetId(), s.episodes(), s.transitions(), b.name(),
                b.epsilon(), s.meanReturn(), s.behaviorScore() == null ? "n/a" : String.format("%.2f", s.behaviorScore()),
                s.transitions() / seconds, out);
        return 0;
    }

    private Behavior resolve() {
        if (Behaviors.isBuiltIn(behavior)) {
            return Behaviors.builtIn(behavior, envId, noise, demos);
        }
        return CheckpointBehaviors.load(Path.of(behavior), stochastic);
    }
}
