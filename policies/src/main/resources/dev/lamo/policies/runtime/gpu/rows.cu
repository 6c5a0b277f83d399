// Point-wise kernels over a row view: rows r = 0 .. rows-1 of a batch of episodes with rpe rows per episode, row r
// at p + (r / rpe)*es + (r % rpe)*ld. One block per row (grid.x = rows), the block's threads stride over the n columns.
// Header-free (NVRTC compiles it without the CUDA headers). Compiled with --fmad=false: every fused multiply-add is
// written as fmaf, so ReferenceKernels (Java) computes the same roundings.

__device__ static long long row_at(int r, int ld, long long es, int rpe) {
    return (long long)(r / rpe) * es + (long long)(r % rpe) * ld;
}

// x[r] += bias, broadcast over rows
extern "C" __global__ void bias_add(float* x, int ld, long long es, int rpe, int rows, int n, const float* bias) {
    int r = blockIdx.x;
    if (r >= rows) {
        return;
    }
    float* row = x + row_at(r, ld, es, rpe);
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        row[j] = row[j] + bias[j];
    }
}

// y[r] += x[r]
extern "C" __global__ void add_rows(const float* x, int ldx, long long esx, float* y, int ldy, long long esy, int rpe,
                                    int rows, int n) {
    int r = blockIdx.x;
    if (r >= rows) {
        return;
    }
    const float* xr = x + row_at(r, ldx, esx, rpe);
    float* yr = y + row_at(r, ldy, esy, rpe);
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        yr[j] = yr[j] + xr[j];
    }
}

// The engine's tanh from one exp (VectorOps.tanh), in double.
__device__ static double lamo_tanh(double u) {
    return 1.0 - 2.0 / (exp(2.0 * u) + 1.0);
}

// The complementary error function of VectorOps.erfc (Numerical Recipes' Chebyshev fit), in double.
__device__ static double lamo_erfc(double z) {
    double az = fabs(z);
    double t = 1.0 / (1.0 + 0.5 * az);
    double r = t * exp(-az * az - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
            + t * 0.17087277)))))))));
    return z >= 0.0 ? r : 2.0 - r;
}

// fn: 0 ReLU, 1 GELU (tanh form, GPT-2's gelu_new), 2 GELU (erf form), 3 tanh; as VectorOps.apply
__device__ static float activation(int fn, float v) {
    switch (fn) {
        case 0:
            return v > 0.0f ? v : 0.0f;
        case 1:
            return (float)(0.5 * v * (1.0 + lamo_tanh(0.7978845608028654 * (v + 0.044715 * v * v * v))));
        case 2:
            return (float)(0.5 * v * lamo_erfc(-v * 0.7071067811865475));
        default:
            return (float)tanh((double)v);
    }
}

// y[r] = f(x[r]); y may be x
extern "C" __global__ void activate(int fn, const float* x, int ldx, long long esx, float* y, int ldy, long long esy,
                                    int rpe, int rows, int n) {
    int r = blockIdx.x;
    if (r >= rows) {
        return;
    }
    const float* xr = x + row_at(r, ldx, esx, rpe);
    float* yr = y + row_at(r, ldy, esy, rpe);
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        yr[j] = activation(fn, xr[j]);
    }
}
