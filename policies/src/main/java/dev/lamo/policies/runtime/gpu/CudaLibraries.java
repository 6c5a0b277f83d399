package dev.lamo.policies.runtime.gpu;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the JavaCPP CUDA presets' JNI libraries, whose loading opens CUDA's own user-space libraries, and turns a
 * failure into one line naming the library and how to point to it. Loading a preset class runs its static initialiser,
 * which throws UnsatisfiedLinkError the first time and NoClassDefFoundError ever after, so every LinkageError is
 * caught here, once, before any CUDA class is used elsewhere.
 */
final class CudaLibraries {

    /** A JavaCPP preset class and the CUDA library its JNI library needs. */
    record Library(String presetClass, String cudaLibrary, String what) {
    }

    /** In loading order: cudart (which also binds the driver API, libcuda.so.1), cuBLAS, NVRTC. */
    static final List<Library> REQUIRED = List.of(
            new Library("org.bytedeco.cuda.global.cudart", "libcudart.so.13", "the CUDA 13 runtime"),
            new Library("org.bytedeco.cuda.global.cublas", "libcublas.so.13", "cuBLAS 13 (with libcublasLt.so.13)"),
            new Library("org.bytedeco.cuda.global.nvrtc", "libnvrtc.so.13", "NVRTC 13 (with its libnvrtc-builtins.so.13.*)"));

    private static final Pattern SHARED_OBJECT = Pattern.compile("(lib[A-Za-z0-9_+-]+\\.so(\\.[0-9]+)*)");

    private CudaLibraries() {
    }

    /** Loads every required library or throws {@link GpuUnavailableException}. */
    static void load() {
        for (Library l : REQUIRED) {
            try {
                Class.forName(l.presetClass(), true, CudaLibraries.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new GpuUnavailableException("the JavaCPP CUDA jars (org.bytedeco:cuda 13.1-9.19-1.5.13 and its "
                        + "linux-x86_64 jar) are not on the class path");
            } catch (LinkageError e) {
                throw new GpuUnavailableException(explain(l, e));
            }
        }
    }

    /**
     * The one line for a library that did not load: the shared object the loader names if it names one (a missing
     * dependency such as libcuda.so.1 or libcublasLt.so.13), else the library the preset needs.
     */
    static String explain(Library l, Throwable failure) {
        String missing = null;
        for (Throwable t = failure; t != null && missing == null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher matcher = SHARED_OBJECT.matcher(m);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (!name.startsWith("libjni")) {
                        missing = name;
                        break;
                    }
                }
            }
        }
        String lib = missing != null ? missing : l.cudaLibrary();
        if (lib.startsWith("libcuda.so")) {
            return "cannot load " + lib + ", the NVIDIA driver's CUDA library: no GPU driver on this machine (use --runtime "
                    + "engine, or install the NVIDIA driver)";
        }
        return "cannot load " + lib + " (" + (missing == null || missing.equals(l.cudaLibrary()) ? l.what() : "needed by "
                + l.what()) + "): put the folder that holds it on LD_LIBRARY_PATH (pip's nvidia-* cu13 wheels: "
                + "site-packages/nvidia/cu13/lib) or pass -Dorg.bytedeco.javacpp.platform.preloadpath=DIR in LAMO_JAVA_OPTS";
    }
}
