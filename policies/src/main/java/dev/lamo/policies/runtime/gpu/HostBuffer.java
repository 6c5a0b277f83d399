package dev.lamo.policies.runtime.gpu;

/**
 * Page-locked host memory: the only host memory an asynchronous copy inside a CUDA graph may read or write (its
 * address is frozen into the graph at capture, so the buffer lives as long as the graphs that use it).
 */
public interface HostBuffer {

    DType type();

    int length();

    void put(float[] src, int srcOff, int dstOff, int n);

    void putInts(int[] src, int srcOff, int dstOff, int n);

    void get(int srcOff, float[] dst, int dstOff, int n);
}
