package dev.lamo.policies.runtime.gpu;

/** No usable GPU: a CUDA library that cannot be loaded, no device, or a device call that failed. One line, for the user. */
public final class GpuUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GpuUnavailableException(String message) {
        super(message);
    }
}
