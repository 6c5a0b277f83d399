// y = bfloat16(x) for the rows of a row view (see rows.cu), compacted to rows * n values: the operands of a bf16 GEMM.
// Round to nearest even on the bits (NaN stays a quiet NaN), without cuda_bf16.h so that NVRTC needs no headers.

extern "C" __global__ void to_bf16(const float* x, int ld, long long es, int rpe, int rows, int n, unsigned short* y) {
    int r = blockIdx.x;
    if (r >= rows) {
        return;
    }
    const float* xr = x + (long long)(r / rpe) * es + (long long)(r % rpe) * ld;
    unsigned short* yr = y + (long long)r * n;
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        unsigned int u = __float_as_uint(xr[j]);
        if ((u & 0x7fffffffu) > 0x7f800000u) {
            yr[j] = (unsigned short)((u >> 16) | 0x40u);
        } else {
            yr[j] = (unsigned short)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
        }
    }
}
