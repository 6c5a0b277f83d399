package dev.lamo.harness.cluster;

import dev.lamo.results.stats.Descriptive;
import java.util.ArrayList;
import java.util.List;

/** Round-trip times, seen from the coordinator, of environment steps and of policy batches (timings only). */
public final class MessageTimes {

    private final List<Long> environment = new ArrayList<>();
    private final List<Long> policy = new ArrayList<>();

    synchronized void environment(long nanos) {
        environment.add(nanos);
    }

    synchronized void policy(long nanos) {
        policy.add(nanos);
    }

    public synchronized int environmentRequests() {
        return environment.size();
    }

    /** Quantile q of the environment step round trips, in milliseconds (NaN before any). */
    public synchronized double environmentMillis(double q) {
        return quantile(environment, q);
    }

    /** Quantile q of the policy request round trips, in milliseconds (NaN before any). */
    public synchronized double policyMillis(double q) {
        return quantile(policy, q);
    }

    private static double quantile(List<Long> nanos, double q) {
        return nanos.isEmpty() ? Double.NaN : Descriptive.quantile(nanos.stream().mapToDouble(n -> n / 1e6).toArray(), q);
    }
}
