package dev.lamo.harness.cli;

import dev.lamo.policies.runtime.PolicyRuntime;
import dev.lamo.policies.runtime.gpu.GpuRuntime;
import dev.lamo.policies.runtime.gpu.Precision;
import picocli.CommandLine.Option;

/** Which runtime computes the policy's forwards, and on how many threads; shared by eval, node policy and bench. */
final class RuntimeOptions {

    @Option(names = "--runtime", defaultValue = "auto", description = "Policy forward: auto (the GPU where one is usable and it "
            + "runs the policy, else the CPU inference engine where it supports the policy, else DJL), engine (CPU, "
            + "batch-invariant), gpu (NVIDIA GPU, CUDA 13; DT and LaMo), djl (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--precision", defaultValue = "fp32", description = "GEMM precision of --runtime gpu: fp32 (the CPU "
            + "engine's numerics), tf32 or bf16 (tensor cores; default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--policy-threads", defaultValue = "1", description = "Engine threads sharing a forward batch; results "
            + "do not depend on it (default: ${DEFAULT-VALUE}, which leaves the environments the other core of 2).")
    int policyThreads;

    /**
     * The runtime of a process that runs the policy itself, with the GPU's precision configured; {@code --runtime gpu}
     * opens the GPU here, so that a missing CUDA library or device fails at once in one line (exit 2).
     */
    PolicyRuntime runtime() {
        return runtime(true);
    }

    /** @param policyHere false for a cluster's coordinator, whose policy runs on a policy node (its GPU is not needed here) */
    PolicyRuntime runtime(boolean policyHere) {
        PolicyRuntime r = parse(runtime);
        configureGpu(precision, policyHere ? java.util.List.of(r) : java.util.List.of());
        return r;
    }

    /** Sets the GPU precision and opens the GPU if one of {@code chosen} is gpu (a one-line failure, exit 2, if it cannot). */
    static void configureGpu(String precision, java.util.List<PolicyRuntime> chosen) {
        try {
            GpuRuntime.configure(Precision.parse(precision));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (chosen.contains(PolicyRuntime.GPU)) {
            GpuRuntime.require();
        }
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
