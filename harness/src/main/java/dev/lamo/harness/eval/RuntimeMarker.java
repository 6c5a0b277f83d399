package dev.lamo.harness.eval;

import dev.lamo.policies.runtime.PolicyRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runtime an evaluation folder was started with ({@code OUT/runtime}: auto, engine or djl), so that a resumed
 * evaluation or sweep finishes its episodes on the runtime its first episodes ran on. A folder with episodes and
 * no marker predates the engine: its runtime is djl.
 */
final class RuntimeMarker {

    static final String FILE = "runtime";

    private RuntimeMarker() {
    }

    /** The plan with the runtime its folder fixes, recording it in a fresh folder. */
    static EvalPlan settle(EvalPlan plan) {
        Path marker = plan.out().resolve(FILE);
        boolean started = Files.exists(plan.out().resolve(EpisodeLog.FILE));
        try {
            if (!plan.resume() || (!started && !Files.exists(marker))) {
                if (!started) {
                    // a folder that holds episodes is refused later without --resume; its marker stays as it is
                    Files.createDirectories(plan.out());
                    Files.writeString(marker, plan.runtime().id() + "\n");
                }
                return plan;
            }
            PolicyRuntime recorded = Files.exists(marker) ? PolicyRuntime.parse(Files.readString(marker).strip())
                    : PolicyRuntime.DJL;
            if (plan.runtime() != PolicyRuntime.AUTO && plan.runtime() != recorded) {
                throw new IllegalArgumentException(plan.out() + " was evaluated with --runtime " + recorded.id()
                        + "; resume it with that runtime (or leave --runtime out), not " + plan.runtime().id());
            }
            return new EvalPlan(plan.runDir(), plan.checkpoints(), plan.envId(), plan.targets(), plan.episodes(), plan.seed(),
                    plan.workers(), plan.maxBatch(), plan.concurrency(), plan.timeoutMillis(), plan.out(), plan.resume(),
                    recorded, plan.policyThreads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }
}
