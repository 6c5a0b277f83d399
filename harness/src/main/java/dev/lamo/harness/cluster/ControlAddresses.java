package dev.lamo.harness.cluster;

/**
 * Event-bus addresses of the cluster's control messages (JSON: rare, never on the per-step path). The per-step
 * messages use the harness's binary codecs on the policy and environment services' own addresses.
 */
final class ControlAddresses {

    /** Policy nodes: {@code {"op": "load", "run_dir", "step"}} and {@code {"op": "unload"}}. */
    static final String POLICY = "lamo.cluster.policy";

    /** Published by the coordinator: {@code {"reply": address}}; every environment node answers with its hello. */
    static final String CENSUS = "lamo.cluster.census";

    private ControlAddresses() {
    }

    /** An environment node's control address: {@code {"op": "open", "env"}} answers the service's address. */
    static String environmentNode(String nodeId) {
        return "lamo.cluster.env." + nodeId;
    }

    /** Where an environment node's service for one environment listens. */
    static String environmentService(String nodeId, String envId) {
        return "lamo.env." + nodeId + "." + envId;
    }

    /** Where a coordinator collects environment nodes' hellos. */
    static String hello(String nodeId) {
        return "lamo.cluster.hello." + nodeId;
    }
}
