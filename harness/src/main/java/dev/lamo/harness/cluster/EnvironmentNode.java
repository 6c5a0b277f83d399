package dev.lamo.harness.cluster;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.harness.eval.HarnessVerticles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment role: answers the coordinator's census with a hello, and on request deploys the harness's
 * environment service for an environment on this node's own address, stepping on {@code workers} threads. A node
 * that joins during an evaluation is found by the next census and takes new episodes.
 */
public final class EnvironmentNode extends VerticleBase {

    private final String nodeId;
    private final int workers;
    private final Map<String, Future<String>> services = new HashMap<>();

    public EnvironmentNode(String nodeId, int workers) {
        this.nodeId = nodeId;
        this.workers = workers;
    }

    @Override
    public Future<?> start() {
        JsonObject hello = new JsonObject().put("node", nodeId).put("control", ControlAddresses.environmentNode(nodeId))
                .put("workers", workers);
        Future<Void> census = vertx.eventBus().<JsonObject>consumer(ControlAddresses.CENSUS,
                msg -> vertx.eventBus().send(msg.body().getString("reply"), hello)).completion();
        Future<Void> control = vertx.eventBus().<JsonObject>consumer(ControlAddresses.environmentNode(nodeId), this::open)
                .completion();
        return Future.all(census, control);
    }

    private void open(Message<JsonObject> msg) {
        String envId = msg.body().getString("env", "");
        if (!EnvRegistry.ids().contains(envId)) {
            msg.fail(400, nodeId + ": unknown environment '" + envId + "'");
            return;
        }
        String address = ControlAddresses.environmentService(nodeId, envId);
        services.computeIfAbsent(envId, e -> vertx.deployVerticle(HarnessVerticles.environmentService(address, e, workers))
                .map(id -> address)).onComplete(ar -> {
                    if (ar.succeeded()) {
                        msg.reply(new JsonObject().put("address", ar.result()));
                    } else {
                        services.remove(envId);
                        msg.fail(500, nodeId + ": " + ar.cause().getMessage());
                    }
                });
    }
}
