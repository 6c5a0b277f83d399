package dev.lamo.policies.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference device keeps cuBLAS's column-major contract and refuses what the GPU would not survive. */
class ReferenceDeviceTest {

    private final ReferenceDevice d = new ReferenceDevice();

    private DeviceBuffer floats(float... v) {
        DeviceBuffer b = d.allocate(DType.F32, v.length);
        d.upload(v, b.at(0));
        return b;
    }

    private float[] read(DeviceBuffer b) {
        HostBuffer h = d.allocateHost(DType.F32, (int) b.length());
        d.copyToHost(b.at(0), h, 0, (int) b.length());
        float[] out = new float[(int) b.length()];
        h.get(0, out, 0, out.length);
        return out;
    }

    @Test
    void columnMajorWithLeadingDimensionsTransposesAndBatchStrides() {
        // A column-major 2×3 with lda 3 (one unused row): [[1,2,3],[4,5,6]]; B 3×2 column-major, transposed as stored 2×3
        DeviceBuffer a = floats(1, 4, -9, 2, 5, -9, 3, 6, -9);
        DeviceBuffer b = floats(1, 0, 0, 1, 1, 1, /* second batch */ 2, 0, 0, 2, 2, 2);   // Bᵀ stored 2×3: [[1,0,1],[0,1,1]]
        DeviceBuffer c = d.allocate(DType.F32, 8);
        d.gemm(new Gemm(false, true, 2, 2, 3, a.at(0), 3, 0, b.at(0), 2, 6, c.at(0), 2, 4, 2, Gemm.Compute.FP32));
        // C = A·B with B = [[1,0],[0,1],[1,1]]: [[4,5],[10,11]] column-major; the second batch doubles B
        assertArrayEquals(new float[] {4, 10, 5, 11, 8, 20, 10, 22}, read(c));
    }

    @Test
    void operandsOutsideTheirBufferAndTooSmallLeadingDimensionsAreRefused() {
        DeviceBuffer a = d.allocate(DType.F32, 6);
        DeviceBuffer c = d.allocate(DType.F32, 4);
        assertThrows(IllegalArgumentException.class, () -> new Gemm(false, false, 2, 2, 3, a.at(0), 1, 0, a.at(0), 3, 0,
                c.at(0), 2, 0, 1, Gemm.Compute.FP32));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.gemm(new Gemm(false, false, 2, 2,
                3, a.at(0), 2, 0, a.at(0), 3, 0, c.at(0), 2, 4, 2, Gemm.Compute.FP32)));
        assertTrue(e.getMessage().startsWith("gemm C"), e.getMessage());
    }

    @Test
    void kernelArgumentsOfTheWrongKindAreRefusedBeforeLaunch() {
        DeviceBuffer x = d.allocate(DType.F32, 4);
        DeviceBuffer ints = d.allocate(DType.I32, 4);
        KernelArgs wrong = new KernelArgs().ptr(x.at(0)).i32(4).i32(4).i32(1).i32(1).i32(4).ptr(ints.at(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.launch(Kernel.BIAS_ADD, Dim3.of(1), Dim3.of(32), wrong));
        assertEquals("bias_add argument 2 must be long long, got I32[value=4]", e.getMessage());
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals((short) 0x3f80, ReferenceKernels.bf16(1.0f));
        assertEquals((short) 0x3f80, ReferenceKernels.bf16(Float.intBitsToFloat(0x3f808000)));    // tie → even
        assertEquals((short) 0x3f82, ReferenceKernels.bf16(Float.intBitsToFloat(0x3f818000)));    // tie → even (up)
        assertEquals((short) 0x3f81, ReferenceKernels.bf16(Float.intBitsToFloat(0x3f808001)));
    }
}
