package dev.lamo.harness.cli;

import dev.lamo.policies.runtime.PolicyRuntime;
import picocli.CommandLine.Option;

/** Which runtime computes the policy's forwards, and on how many threads; shared by eval, node policy and bench. */
final class RuntimeOptions {

    @Option(names = "--runtime", defaultValue = "auto", description = "Policy forward: auto (the inference engine where it "
            + "supports the policy, DJL otherwise), engine (batch-invariant), djl (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--policy-threads", defaultValue = "1", description = "Engine threads sharing a forward batch; results "
            + "do not depend on it (default: ${DEFAULT-VALUE}, which leaves the environments the other core of 2).")
    int policyThreads;

    PolicyRuntime runtime() {
        return parse(runtime);
    }

    int policyThreads() {
        if (policyThreads < 1) {
            throw new BadInputException("--policy-threads must be >= 1, got " + policyThreads);
        }
        return policyThreads;
    }

    static PolicyRuntime parse(String value) {
        try {
            return PolicyRuntime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
