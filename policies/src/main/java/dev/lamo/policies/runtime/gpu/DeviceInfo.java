package dev.lamo.policies.runtime.gpu;

/** What a device is, as {@code lamo gpu check} prints it. Versions are CUDA's integers (13000 = 13.0). */
public record DeviceInfo(String name, int major, int minor, long memoryBytes, int driverVersion, int runtimeVersion,
                         int multiProcessors) {

    /** The NVRTC architecture option of this device: sm_90 on an H100 or H200. */
    public String architecture() {
        return "sm_" + major + minor;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s, compute capability %d.%d, %.1f GiB, %d SMs, driver %s, runtime %s",
                name, major, minor, memoryBytes / (1024.0 * 1024 * 1024), multiProcessors, version(driverVersion),
                version(runtimeVersion));
    }

    private static String version(int v) {
        return v <= 0 ? "n/a" : (v / 1000) + "." + (v % 1000) / 10;
    }
}
