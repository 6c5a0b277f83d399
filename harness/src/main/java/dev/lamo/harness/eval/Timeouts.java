package dev.lamo.harness.eval;

import java.time.Duration;

/**
 * The harness's timeout policy: every wait on a Vert.x future or a reply, how long, and why. Nothing in the harness
 * waits without one of these (or the evaluation's own request timeout, {@code --timeout-ms}, and the cluster file's
 * {@code wait_for_nodes_ms}, which the user sets). README.md lists the same table.
 */
public final class Timeouts {

    private Timeouts() {
    }

    /**
     * Deploying or undeploying a service, or closing a local Vert.x instance: a policy's verticle loads nothing
     * (the policy is loaded before), so this only bounds a wedged event loop.
     */
    public static final Duration DEPLOY = Duration.ofMinutes(1);

    /**
     * The coordinator's thread waiting on a future that a request timeout already bounds (a round of an evaluation,
     * a policy load, a release): the request fails first, so this only catches a lost completion that no timeout
     * covers. It must exceed any {@code --timeout-ms} or {@code wait_for_nodes_ms} in use, hence a day.
     */
    public static final Duration BACKSTOP = Duration.ofDays(1);

    /**
     * A policy node loading a checkpoint (reading weights, building the model, warming it): large models on slow
     * disks take minutes.
     */
    public static final Duration POLICY_LOAD = Duration.ofMinutes(10);

    /** A policy node unloading a checkpoint at the end of its episodes; the next load unloads it as well. */
    public static final Duration POLICY_UNLOAD = Duration.ofSeconds(10);

    /** Between two attempts to reach a policy node while none has joined yet (until {@code wait_for_nodes_ms}). */
    public static final Duration POLICY_RETRY = Duration.ofMillis(250);

    /** An environment node opening a service for an environment (creating its worker pool; no physics yet). */
    public static final Duration ENVIRONMENT_OPEN = Duration.ofSeconds(60);

    /** Joining or forming a cluster (discovery, the join, the subscription caches' state transfer). */
    public static final Duration CLUSTER_JOIN = Duration.ofMinutes(2);

    /** Leaving a cluster (closing the event bus; the membership channel closes after it regardless). */
    public static final Duration CLUSTER_LEAVE = Duration.ofMinutes(1);

    /** How often the coordinator asks who is there: a node that joins late takes episodes after at most this. */
    public static final Duration CENSUS_EVERY = Duration.ofMillis(500);

    /** How often the coordinator compares the nodes it uses with the cluster's members. */
    public static final Duration MEMBERSHIP_WATCH_EVERY = Duration.ofMillis(250);

    /**
     * A node that stops answering heartbeats for this long is suspected, then removed after a check of
     * {@link #NODE_VERIFY}. Shorter times detect a killed node sooner but split the cluster when a loaded machine
     * delays heartbeats (seen at 4 s on two busy cores: members falsely suspected, joins refused, split brain).
     */
    public static final Duration NODE_SUSPECT_AFTER = Duration.ofSeconds(10);

    /** How long a suspected node has to answer before it is removed from the cluster. */
    public static final Duration NODE_VERIFY = Duration.ofSeconds(2);

    /**
     * How long a failed request to a node stays undecided: a connection reset arrives before the membership layer
     * removes a killed node (suspicion, then verification), so a failure counts as the node's loss if the node
     * leaves within this time, and as the episode's own otherwise; the 4 s on top cover a view change on a loaded
     * machine.
     */
    public static final Duration LOSS_DETECTION = NODE_SUSPECT_AFTER.plus(NODE_VERIFY).plusSeconds(4);

    /** How often a job rewrites its {@code status.json}. */
    public static final Duration STATUS_EVERY = Duration.ofSeconds(5);
}
