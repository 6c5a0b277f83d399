package dev.lamo.harness.cluster;

/** This node could not join its cluster (nobody reachable refused it, credentials refused, a port taken). */
public final class ClusterJoinException extends RuntimeException {

    public ClusterJoinException(String message, Throwable cause) {
        super(message, cause);
    }
}
