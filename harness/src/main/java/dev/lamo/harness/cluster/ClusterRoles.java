package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.Timeouts;
import io.vertx.core.Deployable;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process's role in a cluster: the coordinator ({@code lamo eval --cluster}), a policy node or an
 * environment node ({@code lamo node policy|env}). Several roles may share a process, each on its own clustered
 * Vert.x instance (tests do this on loopback).
 */
public final class ClusterRoles {

    private ClusterRoles() {
    }

    /** Joins as the coordinator; the returned services run an evaluation's episodes on the cluster's nodes. */
    public static ClusterServices coordinator(ClusterConfig config) {
        return new ClusterServices(ClusterVertx.start(config, 1), config.waitMillis());
    }

    /** Joins as the policy node: loads checkpoints on a coordinator's request and serves batched forwards. */
    public static ClusterVertx policyNode(ClusterConfig config) {
        return policyNode(config, dev.lamo.policies.runtime.PolicyRuntime.AUTO, 1);
    }

    /** A policy node whose forwards run on {@code runtime} with {@code threads} engine threads. */
    public static ClusterVertx policyNode(ClusterConfig config, dev.lamo.policies.runtime.PolicyRuntime runtime, int threads) {
        ClusterVertx node = ClusterVertx.start(config, 2);
        return deploy(node, new PolicyNode(node.nodeId(), runtime, threads));
    }

    /** Joins as an environment node stepping episodes on {@code workers} threads. */
    public static ClusterVertx environmentNode(ClusterConfig config, int workers) {
        ClusterVertx node = ClusterVertx.start(config, workers);
        return deploy(node, new EnvironmentNode(node.nodeId(), workers));
    }

    private static ClusterVertx deploy(ClusterVertx node, Deployable role) {
        try {
            node.vertx().deployVerticle(role).toCompletionStage().toCompletableFuture()
                    .get(Timeouts.DEPLOY.toMillis(), TimeUnit.MILLISECONDS);
            return node;
        } catch (Exception e) {
            node.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the node's role: " + e.getMessage(), e);
        }
    }
}
