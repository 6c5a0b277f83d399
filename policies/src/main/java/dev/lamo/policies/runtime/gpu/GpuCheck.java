package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.runtime.DtSpec;
import dev.lamo.policies.runtime.EngineDtPolicy;
import dev.lamo.policies.runtime.VectorOps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The GPU check behind {@code lamo gpu refs} and {@code lamo gpu check}: reference actions computed here on the CPU
 * engine for models whose weights come from a seed, then, on the device, per model: parity with the references,
 * batch invariance, and graph replay equal to eager execution. One line per test, then {@code N passed, M failed}.
 */
public final class GpuCheck {

    /** fp32 parity bound, relative to max(1, |reference|): the CPU engine's own contract with DJL. */
    public static final double FP32_BOUND = 1e-4;
    /**
     * tf32/bf16: a sanity bound (catches a wrong result, not a numerics claim); the measured difference is printed and
     * is what the README reports.
     */
    public static final double REDUCED_BOUND = 0.25;
    /** The bucket capacity of the check's engines: buckets 8, 16, 32, 64. */
    static final int CAPACITY = 64;

    private GpuCheck() {
    }

    /** Outcome counts of a check. */
    public record Result(int passed, int failed) {
        public boolean ok() {
            return failed == 0 && passed > 0;
        }
    }

    /** Windows per model in the references: every length 1 .. K, then random ones. */
    static int rows(CheckModel m) {
        return m.large() ? m.context() : 24;
    }

    /** Computes and writes the references of {@code models} with weights from {@code seed}. */
    public static void refs(Path out, long seed, List<CheckModel> models, PrintWriter log) {
        List<CheckRefs.Entry> entries = new ArrayList<>();
        for (CheckModel m : models) {
            long t0 = System.nanoTime();
            DtSpec spec = m.spec(seed);
            PolicyBatch windows = CheckWindows.random(spec.info(), rows(m), spec.maxEpisodeLength(), new Random(seed + 1));
            float[] actions = new float[windows.size() * spec.info().actionSize()];
            try (EngineDtPolicy cpu = new EngineDtPolicy(spec, new VectorOps(), Runtime.getRuntime().availableProcessors())) {
                cpu.act(windows, actions);
            }
            entries.add(new CheckRefs.Entry(m, windows, actions));
            log.printf(Locale.ROOT, "%s: %d windows on the CPU engine in %.1f s%n", m.name(), windows.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        CheckRefs.write(out, seed, entries);
    }

    /** Runs every test on {@code device} and prints one line per test and the totals. */
    public static Result run(Path refs, GpuDevice device, Precision precision, boolean includeLarge, PrintWriter out) {
        out.println("device: " + device.info().describe());
        out.println("precision: " + precision.id());
        long seed = CheckRefs.seed(refs);
        Tally tally = new Tally(out);
        for (CheckRefs.Entry e : CheckRefs.read(refs)) {
            if (e.model().large() && !includeLarge) {
                out.println("SKIP " + e.model().name() + ": too large for this device (the reference device runs small models)");
                continue;
            }
            DtSpec spec = e.model().spec(seed);
            try (GpuDtPolicy gpu = new GpuDtPolicy(device, spec, precision, CAPACITY, GpuDtPolicy.EPISODES_PER_CALL)) {
                parity(e, gpu, precision, tally);
                invariance(e, gpu, tally);
                graphReplay(e, gpu, tally);
            } catch (RuntimeException ex) {
                tally.fail("load " + e.model().name() + ": " + ex.getMessage());
            }
        }
        out.println(tally.passed + " passed, " + tally.failed + " failed");
        return new Result(tally.passed, tally.failed);
    }

    private static void parity(CheckRefs.Entry e, GpuDtPolicy gpu, Precision precision, Tally t) {
        String name = "parity " + e.model().name() + " " + precision.id();
        try {
            float[] actual = act(gpu, e.windows());
            double worst = 0;
            double worstAbs = 0;
            for (int i = 0; i < actual.length; i++) {
                double abs = Math.abs((double) actual[i] - e.actions()[i]);
                double rel = Float.isFinite(actual[i]) ? abs / Math.max(1, Math.abs(e.actions()[i])) : Double.POSITIVE_INFINITY;
                worst = Math.max(worst, rel);
                worstAbs = Math.max(worstAbs, abs);
            }
            double bound = precision == Precision.FP32 ? FP32_BOUND : REDUCED_BOUND;
            String line = String.format(Locale.ROOT, "%s: max |Δ| %.3g, max |Δ|/max(1,|ref|) %.3g (bound %.0e), %d windows",
                    name, worstAbs, worst, bound, e.windows().size());
            t.record(worst <= bound, line);
        } catch (RuntimeException ex) {
            t.fail(name + ": " + ex.getMessage());
        }
    }

    /** Each window's action alone, among all, and reversed among other windows in a larger bucket: identical bits. */
    private static void invariance(CheckRefs.Entry e, GpuDtPolicy gpu, Tally t) {
        String name = "invariance " + e.model().name();
        try {
            PolicyBatch all = e.windows();
            int n = all.size();
            int a = all.actionSize();
            float[] together = act(gpu, all);
            for (int r = 0; r < n; r++) {
                float[] alone = act(gpu, Batches.slice(all, r, 1));
                if (!Batches.sameBits(alone, 0, together, r * a, a)) {
                    t.fail(name + ": window " + r + " alone differs from the same window among " + n);
                    return;
                }
            }
            int crowd = 3 * n;
            PolicyBatch mixed = Batches.interleaved(all, crowd, new Random(n));
            float[] m = act(gpu, mixed);
            for (int r = 0; r < n; r++) {
                if (!Batches.sameBits(m, Batches.positionInInterleaved(r, n) * a, together, r * a, a)) {
                    t.fail(name + ": window " + r + " differs reversed among " + crowd + " windows");
                    return;
                }
            }
            t.pass(String.format(Locale.ROOT, "%s: %d windows alone (%s), together (%s) and reversed among %d (%s): "
                    + "identical bits", name, n, gpu.engine().describeBatch(1), gpu.engine().describeBatch(n), crowd,
                    gpu.engine().describeBatch(crowd)));
        } catch (RuntimeException ex) {
            t.fail(name + ": " + ex.getMessage());
        }
    }

    /** The captured graph's actions equal eager execution's, on a first and a repeated replay. */
    private static void graphReplay(CheckRefs.Entry e, GpuDtPolicy gpu, Tally t) {
        String name = "graph-replay " + e.model().name();
        try {
            GpuDtEngine engine = gpu.engine();
            engine.useGraphs(false);
            float[] eager = act(gpu, e.windows());
            engine.useGraphs(true);
            float[] first = act(gpu, e.windows());
            float[] again = act(gpu, e.windows());
            boolean same = Batches.sameBits(eager, 0, first, 0, eager.length) && Batches.sameBits(first, 0, again, 0, first.length);
            t.record(same, String.format(Locale.ROOT, "%s: eager and replayed graph (%d graphs captured) %s", name,
                    engine.graphCount(), same ? "give identical bits" : "differ"));
        } catch (RuntimeException ex) {
            t.fail(name + ": " + ex.getMessage());
        }
    }

    private static float[] act(GpuDtPolicy p, PolicyBatch b) {
        float[] out = new float[b.size() * b.actionSize()];
        p.act(b, out);
        return out;
    }

    private static final class Tally {
        final PrintWriter out;
        int passed;
        int failed;

        Tally(PrintWriter out) {
            this.out = out;
        }

        void record(boolean ok, String line) {
            if (ok) {
                pass(line);
            } else {
                fail(line);
            }
        }

        void pass(String line) {
            passed++;
            out.println("PASS " + line);
            out.flush();
        }

        void fail(String line) {
            failed++;
            out.println("FAIL " + line);
            out.flush();
        }
    }
}
