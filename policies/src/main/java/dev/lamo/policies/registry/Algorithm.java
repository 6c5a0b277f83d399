package dev.lamo.policies.registry;

import dev.lamo.policies.Policy;
import dev.lamo.policies.run.CheckpointListener;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.results.records.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A trainable algorithm as the rest of the system sees it: everything {@code lamo train}, {@code lamo eval}, sweeps
 * and tables need to know, so that none of them switches on algorithm names.
 *
 * @param name              the name runs record ({@code lamo}, {@code cql}, ...)
 * @param summary           a few words for help texts
 * @param offline           trains from a dataset ({@code --data}), not by acting in the environment
 * @param returnConditioned its policies act towards a return-to-go target (evaluation runs per target)
 * @param usesLanguageModel its runs start from a language model ({@code --lm})
 * @param defaultSteps      the step budget of a run that names none, per environment
 * @param defaults          the hyper-parameter record of a new run in an environment (what {@code --set} overrides)
 * @param trainer           starts or resumes a run
 * @param loader            the batched policy of a checkpoint (DJL)
 * @param engineModel       which network the inference engine ({@code policies.runtime}) computes for its policies on
 *                          state vectors, or {@link EngineModel#NONE}
 * @param totalIndependent  whether a run's first N updates are the same whatever its planned total (no schedule
 *                          reads the total), so that a started run resumed with another total (a sweep whose steps
 *                          were cut) equals a fresh run at that total
 */
public record Algorithm(String name, String summary, boolean offline, boolean returnConditioned,
                        boolean usesLanguageModel, ToLongFunction<String> defaultSteps, Function<String, Object> defaults,
                        Trainer trainer, Loader loader, EngineModel engineModel,
                        Predicate<RunConfig> totalIndependent) {

    /** The policy networks the inference engine implements. */
    public enum EngineModel {
        /** not on the engine: evaluated with DJL */
        NONE,
        /** LaMo's and DT's Decision Transformer */
        DECISION_TRANSFORMER,
        /** an offline baseline's deterministic MLP actor (tanh outputs, or a mean and a log std) */
        OFFLINE_ACTOR,
        /** SAC's tanh-Gaussian actor, acting by its mean */
        SAC_ACTOR
    }

    /** Starts or resumes a run and trains it to its planned total (or the request's stop). */
    @FunctionalInterface
    public interface Trainer {
        void train(TrainingRequest request, List<CheckpointListener> listeners, TrainingProgress progress);
    }

    /** Loads the policy of one checkpoint of a run. */
    @FunctionalInterface
    public interface Loader {
        Policy load(RunConfig run, Path checkpoint);
    }
}
