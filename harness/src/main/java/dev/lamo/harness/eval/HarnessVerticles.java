package dev.lamo.harness.eval;

import dev.lamo.policies.Policy;
import io.vertx.core.Deployable;
import io.vertx.core.eventbus.EventBus;

/**
 * The harness's verticles and codecs for processes that host only some roles (cluster nodes): the same policy
 * and environment services as local mode, deployed on another node.
 */
public final class HarnessVerticles {

    /** Where the policy service listens. */
    public static final String POLICY_ADDRESS = PolicyServiceVerticle.ADDRESS;

    private HarnessVerticles() {
    }

    /** Registers the binary codecs of the harness's messages (every process of a cluster does the same). */
    public static void registerCodecs(EventBus bus) {
        Messages.registerCodecs(bus);
    }

    /** The batched policy service; the policy is closed by whoever loaded it, after undeployment. */
    public static Deployable policyService(Policy policy) {
        return new PolicyServiceVerticle(policy);
    }

    /** Environments of {@code envId} stepped on {@code threads} worker threads, answering on {@code address}. */
    public static Deployable environmentService(String address, String envId, int threads) {
        return new EnvironmentServiceVerticle(address, envId, threads);
    }
}
