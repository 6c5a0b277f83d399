package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.Timeouts;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which environment nodes a coordinator knows: a periodic census finds them (one that joined late included), each
 * is asked for a service of the current environment and is ready once it answers, and a node that leaves the
 * cluster is forgotten. The scheduler hears both. State confined to the {@link CoordinatorContext}.
 */
final class Membership implements EnvironmentNodes {

    /** An environment node as the coordinator sees it. */
    static final class EnvNode {
        final String id;
        final String control;
        /** The environment asked for, and the address of its service once the node answered (null before). */
        String envId;
        String address;

        EnvNode(String id, String control) {
            this.id = id;
            this.control = control;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** What the scheduler hears. */
    interface Events {

        /** The node serves the current environment now. */
        void ready(EnvNode node);

        /** The node left the cluster, or could not open the environment; what waited on it is lost. */
        void left(EnvNode node);
    }

    private final ClusterVertx node;
    private final Vertx vertx;
    private Events events;
    private final Map<String, EnvNode> nodes = new TreeMap<>();
    private String envId;

    Membership(ClusterVertx node) {
        this.node = node;
        this.vertx = node.vertx();
    }

    /** Starts the census (on the context); {@code events} hears the nodes found and lost. Returns its timer. */
    long start(Events events) {
        this.events = events;
        String hello = ControlAddresses.hello(node.nodeId());
        vertx.eventBus().<JsonObject>consumer(hello, msg -> hello(msg.body()));
        JsonObject census = new JsonObject().put("reply", hello);
        return vertx.setPeriodic(0, Timeouts.CENSUS_EVERY.toMillis(),
                id -> vertx.eventBus().publish(ControlAddresses.CENSUS, census));
    }

    /** From now on, environment nodes serve {@code id}. */
    void use(String id) {
        envId = id;
        for (EnvNode n : new ArrayList<>(nodes.values())) {
            open(n);
        }
    }

    @Override
    public boolean knows(EnvNode n) {
        return nodes.get(n.id) == n;
    }

    @Override
    public List<EnvNode> ready() {
        return nodes.values().stream().filter(n -> n.address != null).toList();
    }

    /** Forgets the nodes that are no longer members of the cluster. */
    void watch(List<String> members) {
        for (EnvNode n : new ArrayList<>(nodes.values())) {
            if (!members.contains(n.id)) {
                nodes.remove(n.id);
                events.left(n);
            }
        }
    }

    private void hello(JsonObject h) {
        String id = h.getString("node");
        if (nodes.containsKey(id) || !node.members().contains(id)) {
            return;
        }
        EnvNode n = new EnvNode(id, h.getString("control"));
        nodes.put(id, n);
        open(n);
    }

    /** Asks a node for a service of the current environment; it is ready once the service answers. */
    private void open(EnvNode n) {
        if (envId == null || envId.equals(n.envId)) {
            return;
        }
        String wanted = envId;
        n.envId = wanted;
        n.address = null;
        vertx.eventBus().<JsonObject>request(n.control, new JsonObject().put("op", "open").put("env", wanted),
                new DeliveryOptions().setSendTimeout(Timeouts.ENVIRONMENT_OPEN.toMillis())).onComplete(ar -> {
                    if (ar.succeeded() && wanted.equals(n.envId) && knows(n)) {
                        n.address = ar.result().body().getString("address");
                        events.ready(n);
                    } else if (ar.failed() && nodes.remove(n.id, n)) {
                        // forgotten: the next census tries again
                        events.left(n);
                    }
                });
    }
}
