package dev.lamo.harness.eval;

import dev.lamo.envs.EnvRegistry;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import dev.lamo.policies.run.RunDirectory;
import dev.lamo.results.records.RunConfig;
import dev.lamo.results.records.RunFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Markov test policies and a run directory for them. */
final class TestPolicies {

    private TestPolicies() {
    }

    /** A run directory with one (empty) checkpoint at step 1, for a policy supplied in code. */
    static Path fakeRun(Path dir, String envId) {
        RunConfig rc = RunConfig.of("test", null, envId, EnvRegistry.spec(envId).version(), null, 0, 1, Map.of(),
                RunFacts.of(RunFacts.Observation.vector(1)), "test", true);
        RunDirectory run = RunDirectory.create(dir, rc);
        run.saveCheckpoint("test", 1, Map.of(), folder -> List.of());
        return dir;
    }

    /**
     * A proportional controller on the first observation values (so actions vary), that answers NaN for rows
     * whose observation passes {@code poison}.
     */
    static Policy markov(String envId, Predicate<float[]> poison) {
        int s;
        int a;
        try (var env = EnvRegistry.make(envId)) {
            s = env.observationSpace().flatSize();
            a = env.actionSpace().flatSize();
        }
        PolicyInfo info = new PolicyInfo("test", "test", envId, s, a, 1, 1, false, false);
        return new Policy() {
            @Override
            public PolicyInfo info() {
                return info;
            }

            @Override
            public void act(PolicyBatch batch, float[] out) {
                float[] obs = new float[s];
                for (int r = 0; r < batch.size(); r++) {
                    System.arraycopy(batch.states(), batch.lastStateOffset(r), obs, 0, s);
                    for (int k = 0; k < a; k++) {
                        out[r * a + k] = poison.test(obs) ? Float.NaN : (float) Math.tanh(obs[k % s]);
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
