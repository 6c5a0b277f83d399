package dev.lamo.policies.djl;

/**
 * DJL settings that must be in place before the PyTorch engine loads: no downloads and no usage reporting
 * (DJL reads both as system properties as well as environment variables; without them it contacts a cloud
 * metadata address at engine start), the torch thread counts, and the cache folder for the native
 * libraries that DJL unpacks from the {@code pytorch-native-cpu} jar.
 *
 * <p>Thread counts: {@code lamo.threads} (default 1) sets torch's intra-op threads; inter-op threads are 1.
 * One thread is the default because the harness and the environments need the other cores, and because
 * OpenMP workers that spin on an oversubscribed machine slow everything down (several times over on 2 cores). The cache folder follows {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai}).
 */
public final class DjlRuntime {

    private static volatile boolean configured;

    private DjlRuntime() {
    }

    /** Sets the properties once per process; call before the first NDManager is created. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_threads", String.valueOf(threads()));
        // a CUDA runtime without a driver is normal on CPU machines; DJL would warn about it on every start
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        configured = true;
    }

    /** Torch intra-op threads: {@code lamo.threads}, default 1. */
    public static int threads() {
        String t = System.getProperty("lamo.threads");
        return t == null ? 1 : Integer.parseInt(t);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
