package dev.lamo.harness.cluster;

import dev.lamo.envs.Json;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.harness.eval.HarnessVerticles;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.policies.runtime.PolicyRuntime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * The policy role: on a coordinator's request, loads one checkpoint's policy and deploys the harness's batched
 * policy service for it (the GPU host later). The run directory must be readable here at the path the coordinator
 * names. One policy node per cluster.
 */
public final class PolicyNode extends VerticleBase {

    private final String nodeId;
    private final PolicyRuntime runtime;
    private final Evaluation.PolicyFactory policies;
    private Policy policy;
    private String deployment;

    public PolicyNode(String nodeId) {
        this(nodeId, PolicyRuntime.AUTO, 1);
    }

    /**
     * A node whose forwards run on {@code runtime} (engine threads: {@code threads}), loading checkpoints as local mode
     * does ({@link Evaluation#checkpoints}); it tells the coordinator which runtime it resolved.
     */
    public PolicyNode(String nodeId, PolicyRuntime runtime, int threads) {
        this.nodeId = nodeId;
        this.runtime = runtime;
        this.policies = Evaluation.checkpoints(runtime, threads);
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<JsonObject>consumer(ControlAddresses.POLICY, this::handle).completion();
    }

    private void handle(Message<JsonObject> msg) {
        JsonObject body = msg.body();
        Future<JsonObject> reply = switch (body.getString("op", "")) {
            case "load" -> unload().compose(v -> load(Path.of(body.getString("run_dir")), body.getLong("step")));
            case "unload" -> unload().map(v -> new JsonObject());
            default -> Future.failedFuture("unknown op " + body.getString("op"));
        };
        reply.onComplete(ar -> {
            if (ar.succeeded()) {
                msg.reply(ar.result());
            } else {
                msg.fail(500, nodeId + ": " + ar.cause().getMessage());
            }
        });
    }

    /** A checkpoint's policy and the runtime it runs on. */
    private record Loaded(Policy policy, String runtime) {
    }

    private Future<JsonObject> load(Path runDir, long step) {
        // reading the run (to name the runtime) is file I/O: it happens with the load, off the event loop
        return vertx.executeBlocking(() -> new Loaded(policies.load(runDir, step),
                        runtime.resolve(RunDirectory.open(runDir).config()).id()))
                .compose(loaded -> {
                    policy = loaded.policy();
                    return vertx.deployVerticle(HarnessVerticles.policyService(policy))
                            .map(id -> {
                                deployment = id;
                                return new JsonObject(Json.write(policy.info())).put("node", nodeId)
                                        .put("runtime", loaded.runtime());
                            });
                });
    }

    /** Undeploys the service and closes the policy of the previous checkpoint, if any. */
    private Future<Void> unload() {
        Future<Void> undeployed = deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
        deployment = null;
        return undeployed.eventually(() -> {
            if (policy != null) {
                policy.close();
                policy = null;
            }
            return Future.succeededFuture();
        });
    }

    /** The policy's description as the node sent it (the project's JSON form of {@link PolicyInfo}). */
    static PolicyInfo info(JsonObject j) {
        return Json.mapper().convertValue(j.getMap(), PolicyInfo.class);
    }

    @Override
    public Future<?> stop() {
        return unload();
    }
}
