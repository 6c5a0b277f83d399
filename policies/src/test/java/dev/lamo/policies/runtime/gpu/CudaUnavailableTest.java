package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without CUDA libraries or a GPU, opening the device fails in one line that names the library and how to point to it. */
class CudaUnavailableTest {

    @Test
    void theMissingLibraryIsNamedWithHowToPointToIt() {
        CudaLibraries.Library cublas = CudaLibraries.REQUIRED.get(1);
        String m = CudaLibraries.explain(cublas, new UnsatisfiedLinkError(
                "/root/.javacpp/cache/cuda-linux-x86_64.jar/org/bytedeco/cuda/linux-x86_64/libjnicublas.so: libcublasLt.so.13: "
                        + "cannot open shared object file: No such file or directory"));
        assertTrue(m.startsWith("cannot load libcublasLt.so.13 (needed by cuBLAS 13"), m);
        assertTrue(m.contains("LD_LIBRARY_PATH") && m.contains("-Dorg.bytedeco.javacpp.platform.preloadpath=DIR"), m);
        String bare = CudaLibraries.explain(CudaLibraries.REQUIRED.get(2), new NoClassDefFoundError(
                "Could not initialize class org.bytedeco.cuda.global.nvrtc"));
        assertTrue(bare.startsWith("cannot load libnvrtc.so.13 (NVRTC 13"), bare);
        String driver = CudaLibraries.explain(CudaLibraries.REQUIRED.get(0), new UnsatisfiedLinkError("libcuda.so.1: cannot open"));
        assertTrue(driver.startsWith("cannot load libcuda.so.1, the NVIDIA driver's CUDA library"), driver);
    }

    @Test
    void onAMachineWithoutAGpuTheDeviceFailsInOneLineAndAutoFallsBack() {
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this machine has an NVIDIA driver");
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class, CudaDevice::shared);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().matches("(cannot load lib[\\w.+-]+\\.so[.\\d]*[ ,].*|no CUDA device .*)"), e.getMessage());
        // the same failure again (a class whose initialiser failed cannot be loaded twice): still one clean line
        assertEquals(e.getMessage(), assertThrows(GpuUnavailableException.class, CudaDevice::shared).getMessage());
        assertFalse(GpuRuntime.available());
    }
}
