package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.HarnessVerticles;
import dev.lamo.harness.eval.Timeouts;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.cluster.infinispan.InfinispanClusterManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;

/**
 * A clustered Vert.x node: Infinispan over our JGroups {@link MembershipStack} for membership and the event bus's
 * subscription table, and the event bus itself over TCP on the bind address (mutual TLS with the cluster's CA when
 * configured). The harness's binary codecs are registered, so hot-path messages cross the wire without JSON.
 */
public final class ClusterVertx implements AutoCloseable {

    static {
        // Infinispan logs through JBoss Logging, which would pick java.util.logging (INFO on standard error);
        // route it to SLF4J like the rest of the command line, whose level is warn unless -Dlamo.log says otherwise
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
    }

    /** Caches Vert.x's Infinispan cluster manager expects (as in its default-infinispan.xml). */
    private static final List<String> REPLICATED = List.of("__vertx.subs", "__vertx.haInfo", "__vertx.nodeInfo");

    private final Vertx vertx;
    private final ClusterManager clusterManager;
    private final DefaultCacheManager caches;
    private final WireTraffic traffic;

    private ClusterVertx(Vertx vertx, ClusterManager clusterManager, DefaultCacheManager caches, WireTraffic traffic) {
        this.vertx = vertx;
        this.clusterManager = clusterManager;
        this.caches = caches;
        this.traffic = traffic;
    }

    /**
     * Joins (or forms) the cluster.
     *
     * @param workers worker threads of this node (physics or model threads plus one)
     * @throws IllegalStateException when the cluster cannot be joined (for example credentials refused)
     */
    public static ClusterVertx start(ClusterConfig config, int workers) {
        DefaultCacheManager caches = null;
        try {
            JChannel channel = MembershipStack.channel(config);
            GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().clusteredDefault();
            global.transport().clusterName(config.name()).transport(new JGroupsTransport(channel));
            global.defaultCacheName("distributed-cache");
            ConfigurationBuilderHolder holder = new ConfigurationBuilderHolder(ClusterVertx.class.getClassLoader(), global);
            holder.newConfigurationBuilder("distributed-cache").clustering().cacheMode(CacheMode.DIST_SYNC);
            for (String name : REPLICATED) {
                holder.newConfigurationBuilder(name).clustering().cacheMode(CacheMode.REPL_SYNC).partitionHandling()
                        .whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(new UnionMergePolicy());
            }
            holder.newConfigurationBuilder("__vertx.distributed.cache.configuration").clustering()
                    .cacheMode(CacheMode.DIST_SYNC).template(true);
            caches = new DefaultCacheManager(holder, true);
            InfinispanClusterManager manager = new InfinispanClusterManager(caches);
            WireTraffic traffic = new WireTraffic();
            Vertx vertx = Vertx.builder().with(options(config, workers)).withClusterManager(manager).withMetrics(traffic)
                    .buildClustered().toCompletionStage().toCompletableFuture()
                    .get(Timeouts.CLUSTER_JOIN.toMillis(), TimeUnit.MILLISECONDS);
            HarnessVerticles.registerCodecs(vertx.eventBus());
            return new ClusterVertx(vertx, manager, caches, traffic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        } catch (Exception e) {
            if (caches != null) {
                caches.stop();
            }
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new ClusterJoinException(config.file() + ": cannot join cluster '" + config.name() + "' from "
                    + config.bind() + ": " + cause, e);
        }
    }

    private static VertxOptions options(ClusterConfig config, int workers) {
        EventBusOptions bus = new EventBusOptions().setHost(config.bind()).setPort(config.busPort())
                .setClusterPublicHost(config.bind());
        if (config.tls() != null) {
            ClusterConfig.Tls t = config.tls();
            bus.setSsl(true).setClientAuth(ClientAuth.REQUIRED)
                    .setKeyCertOptions(new PfxOptions().setPath(t.keyStore().toString()).setPassword(t.password()))
                    .setTrustOptions(new PfxOptions().setPath(t.trustStore().toString()).setPassword(t.password()));
        }
        return new VertxOptions().setEventBusOptions(bus).setWorkerPoolSize(Math.max(2, workers + 1))
                .setBlockedThreadCheckInterval(60_000).setMaxWorkerExecuteTime(1).setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS)
                .setMetricsOptions(new MetricsOptions().setEnabled(true));
    }

    public Vertx vertx() {
        return vertx;
    }

    /** This node's id in the cluster. */
    public String nodeId() {
        return clusterManager.getNodeId();
    }

    /** Ids of the nodes in the cluster now (this one included). */
    public List<String> members() {
        return clusterManager.getNodes();
    }

    public WireTraffic traffic() {
        return traffic;
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(Timeouts.CLUSTER_LEAVE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // leaving anyway: the cache manager below closes the membership channel
        } finally {
            caches.stop();
        }
    }
}
