package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .cu sources: what {@link Kernel} declares of them, header-free, and (where nvcc exists) compilable for sm_90. */
class KernelSourcesTest {

    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(([^)]*)\\)");

    /** The parameter types of a kernel as its source declares them, const and names dropped. */
    private static List<String> declared(Kernel k) {
        Matcher m = KERNEL.matcher(Kernel.source(k.file()));
        while (m.find()) {
            if (m.group(1).equals(k.symbol())) {
                List<String> types = new ArrayList<>();
                for (String p : m.group(2).split(",")) {
                    String t = p.strip().replaceAll("\\s+", " ").replaceFirst("^const ", "");
                    types.add(t.substring(0, t.lastIndexOf(' ')).replace(" *", "*").strip());
                }
                return types;
            }
        }
        throw new AssertionError(k.symbol() + " not found in " + k.file());
    }

    @Test
    void everyKernelsParametersAreDeclaredAsTheSourceHasThem() {
        for (Kernel k : Kernel.values()) {
            assertEquals(k.params().stream().map(p -> p.c).toList(), declared(k), k.symbol());
        }
    }

    @Test
    void sourcesAreHeaderFree() {
        for (String f : Kernel.files()) {
            assertFalse(Kernel.source(f).contains("#include"), f + " includes a header (NVRTC compiles without the CUDA headers)");
        }
    }

    private static Path nvcc() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/local/cuda/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nvcc");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void everySourceCompilesToAnSm90Cubin(@TempDir Path dir) throws Exception {
        Path nvcc = nvcc();
        Assumptions.assumeTrue(nvcc != null, "nvcc is not installed (PATH, /usr/local/cuda/bin)");
        List<String> command = new ArrayList<>(List.of(nvcc.toString(), "-cubin", "-arch=sm_90", "--fmad=false", "-odir",
                dir.toString()));
        for (String f : Kernel.files()) {
            Files.writeString(dir.resolve(f), Kernel.source(f));
            command.add(dir.resolve(f).toString());
        }
        // the options CudaDevice gives NVRTC: the device's architecture, no contraction into fused multiply-adds
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "nvcc timed out");
        assertEquals(0, p.exitValue(), "nvcc:\n" + log);
        for (String f : Kernel.files()) {
            Path cubin = dir.resolve(f.replace(".cu", ".cubin"));
            assertTrue(Files.isRegularFile(cubin) && Files.size(cubin) > 0, f + " gave no cubin:\n" + log);
        }
    }
}
