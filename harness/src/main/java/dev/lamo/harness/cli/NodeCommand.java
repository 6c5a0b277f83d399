package dev.lamo.harness.cli;

import dev.lamo.harness.cluster.ClusterConfig;
import dev.lamo.harness.cluster.ClusterRoles;
import dev.lamo.harness.cluster.ClusterVertx;
import dev.lamo.policies.djl.DjlRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamo node policy|env}: a worker process of a cluster. It joins, serves until it is stopped (SIGTERM
 * leaves the cluster cleanly; a killed node is noticed by the others), and never writes results: the coordinator
 * ({@code lamo eval --cluster}) does.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a cluster node: 'policy' serves batched forwards of the checkpoint the coordinator names "
                + "(the run directory must be at the same path here); 'env' steps environments.")
final class NodeCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "policy", mixinStandardHelpOptions = true, description = "Serve the policy (batched inference).")
    int policy(@Option(names = "--cluster", required = true, paramLabel = "FILE", description = "Cluster file.") Path cluster,
               @picocli.CommandLine.Mixin RuntimeOptions runtime) {
        DjlRuntime.configure();
        return serve("policy", ClusterRoles.policyNode(ClusterConfig.read(cluster), runtime.runtime(), runtime.policyThreads()));
    }

    @Command(name = "env", mixinStandardHelpOptions = true, description = "Step environments for the coordinator.")
    int env(@Option(names = "--cluster", required = true, paramLabel = "FILE", description = "Cluster file.") Path cluster,
            @Option(names = "--workers", paramLabel = "N", description = "Physics threads (default: the number of cores).")
            Integer workers) {
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (w < 1) {
            throw new BadInputException("--workers: expected at least 1, found " + w);
        }
        return serve("env", ClusterRoles.environmentNode(ClusterConfig.read(cluster), w));
    }

    private int serve(String role, ClusterVertx node) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("lamo node " + role + ": joined as " + node.nodeId() + " (" + node.members().size() + " nodes)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
