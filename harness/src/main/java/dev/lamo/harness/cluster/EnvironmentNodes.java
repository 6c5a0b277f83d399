package dev.lamo.harness.cluster;

import java.util.List;

/** The environment nodes a scheduler may place episodes on ({@link Membership} on a cluster). */
interface EnvironmentNodes {

    /** Whether the node is still one the coordinator uses (it has not left and opened its environment). */
    boolean knows(Membership.EnvNode n);

    /** Nodes serving the current environment, by id. */
    List<Membership.EnvNode> ready();
}
