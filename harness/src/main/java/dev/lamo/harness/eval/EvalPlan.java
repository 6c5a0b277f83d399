package dev.lamo.harness.eval;

import java.nio.file.Path;
import dev.lamo.policies.runtime.PolicyRuntime;
import java.util.List;

/**
 * What an evaluation runs.
 *
 * @param runDir          training run
 * @param checkpoints     checkpoint steps to evaluate, in order
 * @param envId           environment
 * @param targets         return-to-go targets (a single null for policies that are not return-conditioned)
 * @param episodes        episodes per checkpoint and target
 * @param seed            evaluation seed: episode i of target T resets with seed (seed, T, i)
 * @param workers         environment worker verticles
 * @param maxBatch        largest forward batch
 * @param concurrency     episodes running at once (0: all of a checkpoint's)
 * @param timeoutMillis   a step or forward request that takes longer fails its episodes
 * @param out             output folder (episodes.jsonl, summary.json)
 * @param resume          keep episodes already in out/episodes.jsonl and run only the missing ones
 * @param runtime         the policy's forward: engine, djl, or auto (the engine where it supports the policy)
 * @param policyThreads   engine threads sharing a forward batch (results do not depend on it)
 */
public record EvalPlan(Path runDir, List<Long> checkpoints, String envId, List<Double> targets, int episodes, long seed,
                       int workers, int maxBatch, int concurrency, long timeoutMillis, Path out, boolean resume,
                       PolicyRuntime runtime, int policyThreads) {

    public EvalPlan {
        if (episodes < 1 || workers < 1 || maxBatch < 1 || concurrency < 0 || timeoutMillis < 1 || policyThreads < 1) {
            throw new IllegalArgumentException("episodes, workers, max batch, policy threads and timeout must be >= 1, "
                    + "concurrency >= 0");
        }
        runtime = runtime == null ? PolicyRuntime.AUTO : runtime;
        checkpoints = List.copyOf(checkpoints);
        targets = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(targets));
    }

    /** A plan on the default runtime ({@code auto}) with one engine thread. */
    public EvalPlan(Path runDir, List<Long> checkpoints, String envId, List<Double> targets, int episodes, long seed, int workers,
                    int maxBatch, int concurrency, long timeoutMillis, Path out, boolean resume) {
        this(runDir, checkpoints, envId, targets, episodes, seed, workers, maxBatch, concurrency, timeoutMillis, out, resume,
                PolicyRuntime.AUTO, 1);
    }
}
