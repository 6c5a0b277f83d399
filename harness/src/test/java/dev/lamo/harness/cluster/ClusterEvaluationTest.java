package dev.lamo.harness.cluster;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.harness.eval.EvalPlan;
import dev.lamo.harness.eval.Evaluation;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EpisodeRecords;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode in one JVM: the coordinator, a policy node and environment nodes as separate clustered Vert.x
 * instances on loopback, talking over TCP through Infinispan/JGroups membership and the clustered event bus.
 */
class ClusterEvaluationTest {

    @TempDir
    static Path shared;
    static Path run;

    @BeforeAll
    static void trainATinyPolicy() {
        run = TinyRun.train(shared);
    }

    private static EvalPlan plan(Path out, int concurrency, boolean resume) {
        return new EvalPlan(run, List.of(60L), "reacher2d", List.of(76.0, 40.0), 3, 5, 2, 128, concurrency, 60_000, out, resume);
    }

    private static List<EpisodeRecord> results(Path out) {
        return EpisodeRecords.read(out.resolve("episodes.jsonl")).stream().map(EpisodeRecord::withoutTiming).toList();
    }

    @Test
    void aClusteredEvaluationGivesTheLocalResults(@TempDir Path dir) {
        ClusterConfig config = ClusterConfig.read(TinyRun.clusterFile(dir, "same", "127.0.0.1",
                TinyRun.freePorts("127.0.0.1", 6), ""));
        Evaluation.run(plan(dir.resolve("local"), 0, false), n -> { });
        try (ClusterVertx policy = ClusterRoles.policyNode(config);
             ClusterVertx env = ClusterRoles.environmentNode(config, 2)) {
            ClusterServices coordinator = ClusterRoles.coordinator(config);
            Evaluation.Outcome o = Evaluation.run(plan(dir.resolve("cluster"), 0, false), coordinator, n -> { });
            assertEquals(600L, o.throughput().get("env_steps"), "6 episodes of 100 steps");
            assertTrue(coordinator.times().environmentRequests() >= 600, "every step crossed the wire");
        }
        List<EpisodeRecord> local = results(dir.resolve("local"));
        assertEquals(6, local.size());
        assertEquals(local, results(dir.resolve("cluster")), "same records, same order, every field but timings");
    }

    @Test
    void episodesOfALostEnvironmentNodeRunAgainOnANodeThatJoinedLate(@TempDir Path dir) throws Exception {
        ClusterConfig config = ClusterConfig.read(TinyRun.clusterFile(dir, "lost", "127.0.0.1",
                TinyRun.freePorts("127.0.0.1", 6), ""));
        Path out = dir.resolve("out");
        try (ClusterVertx policy = ClusterRoles.policyNode(config)) {
            ClusterVertx first = ClusterRoles.environmentNode(config, 1);
            CountDownLatch oneDone = new CountDownLatch(1);
            ClusterServices coordinator = ClusterRoles.coordinator(config);
            CompletableFuture<Evaluation.Outcome> evaluation = CompletableFuture.supplyAsync(
                    () -> Evaluation.run(plan(out, 2, false), coordinator, n -> oneDone.countDown()));
            assertTrue(oneDone.await(2, TimeUnit.MINUTES), "an episode finished on the first node");
            try (ClusterVertx late = ClusterRoles.environmentNode(config, 1)) {
                first.close();
                Evaluation.Outcome o = evaluation.get(3, TimeUnit.MINUTES);
                assertEquals(6, o.summary().results().stream().mapToInt(r -> r.episodes()).sum());
            }
        }
        List<EpisodeRecord> records = results(out);
        assertEquals(6, records.size(), "every episode exactly once");
        Set<String> keys = new HashSet<>();
        for (EpisodeRecord r : records) {
            assertNull(r.failure(), r.failure());
            assertEquals(100, r.length());
            assertTrue(keys.add(r.target() + "/" + r.index()), "twice: " + r);
        }
    }
}
