package dev.lamo.harness.eval;

import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;

/**
 * The policy service: keeps every running episode's context and answers each {@link Messages.ActRequest} with
 * one forward pass over its batch. The coordinator decides which episodes share a batch, so the result of a
 * forward never depends on thread timing. The model runs on one dedicated thread (where a GPU backend will
 * sit later), never on the event loop; contexts are only touched on that thread.
 */
final class PolicyServiceVerticle extends VerticleBase {

    static final String ADDRESS = "lamo.policy";

    private final Policy policy;
    private final PolicyInfo info;
    private final Map<Integer, EpisodeContext> contexts = new HashMap<>();
    private WorkerExecutor modelThread;
    private MessageConsumer<Object> consumer;
    private PolicyBatch batch;
    private float[] out;

    PolicyServiceVerticle(Policy policy) {
        this.policy = policy;
        this.info = policy.info();
    }

    @Override
    public Future<?> start() {
        modelThread = vertx.createSharedWorkerExecutor("lamo-policy-" + deploymentID(), 1);
        consumer = vertx.eventBus().consumer(ADDRESS, msg -> {
            Object body = msg.body();
            if (body instanceof Messages.ActRequest r) {
                modelThread.executeBlocking(() -> act(r), true).onComplete(ar -> {
                    if (ar.succeeded()) {
                        msg.reply(ar.result());
                    } else {
                        msg.fail(500, String.valueOf(ar.cause().getMessage()));
                    }
                });
            } else if (body instanceof Messages.Release r) {
                modelThread.executeBlocking(() -> {
                    for (int slot : r.slots()) {
                        contexts.remove(slot);
                    }
                    return Boolean.TRUE;
                }, true).onComplete(ar -> msg.reply(Boolean.TRUE));
            }
        });
        return consumer.completion();
    }

    private Messages.ActReply act(Messages.ActRequest r) {
        long t0 = System.nanoTime();
        int n = r.slots().length;
        int k = info.contextLength();
        int s = info.observationSize();
        int a = info.actionSize();
        if (batch == null || batch.capacity() < n) {
            batch = new PolicyBatch(n, k, s, a, info.frames());
            out = new float[n * a];
        }
        Observations obs = r.observations();
        if (obs.size() != s || obs.frames() != info.frames()) {
            throw new IllegalArgumentException("observations of " + obs.size() + (obs.frames() ? " bytes" : " floats")
                    + " do not fit a policy that reads " + s + (info.frames() ? " bytes" : " floats"));
        }
        batch.setSize(n);
        for (int i = 0; i < n; i++) {
            EpisodeContext c;
            if (r.first()[i] != 0) {
                c = info.frames() ? EpisodeContext.ofFrames(k, s, a, AleProtocol.FRAME_BYTES) : EpisodeContext.ofVectors(k, s, a);
                contexts.put(r.slots()[i], c);
                c.start(obs, i, r.targets()[i]);
            } else {
                c = contexts.get(r.slots()[i]);
                c.advance(obs, i, r.rewards()[i]);
            }
            c.fill(batch, i);
        }
        long t1 = System.nanoTime();
        policy.act(batch, out);
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            contexts.get(r.slots()[i]).setAction(out, i * a);
        }
        float[] actions = java.util.Arrays.copyOf(out, n * a);
        return new Messages.ActReply(actions, a, t2 - t1, (t1 - t0) + (System.nanoTime() - t2));
    }

    @Override
    public Future<?> stop() {
        if (modelThread != null) {
            modelThread.close();
        }
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }
}
