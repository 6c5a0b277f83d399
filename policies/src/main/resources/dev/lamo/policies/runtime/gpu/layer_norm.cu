// y[r] = LayerNorm(x[r]) * gamma + beta over the n values of each row of a row view (see rows.cu); y may be x.
// One block per row (grid.x = rows) of a power-of-two number of threads, at most LN_THREADS. Sums in double: each
// thread adds its columns t, t + blockDim.x, ... in order, then a tree over the threads in a fixed order, so a row's
// statistics depend only on the row and the block size, never on how many rows are launched.
// Header-free; compiled with --fmad=false (see rows.cu).

#define LN_THREADS 256

extern "C" __global__ void layer_norm(const float* x, int ldx, long long esx, float* y, int ldy, long long esy, int rpe,
                                      int rows, int n, const float* gamma, const float* beta, float eps) {
    __shared__ double part[LN_THREADS];
    int r = blockIdx.x;
    if (r >= rows) {
        return;
    }
    const float* xr = x + (long long)(r / rpe) * esx + (long long)(r % rpe) * ldx;
    float* yr = y + (long long)(r / rpe) * esy + (long long)(r % rpe) * ldy;
    int t = threadIdx.x;

    double s = 0.0;
    for (int j = t; j < n; j += blockDim.x) {
        s += xr[j];
    }
    part[t] = s;
    __syncthreads();
    for (int half = blockDim.x / 2; half > 0; half /= 2) {
        if (t < half) {
            part[t] += part[t + half];
        }
        __syncthreads();
    }
    double mean = part[0] / n;
    __syncthreads();

    double q = 0.0;
    for (int j = t; j < n; j += blockDim.x) {
        double d = xr[j] - mean;
        q += d * d;
    }
    part[t] = q;
    __syncthreads();
    for (int half = blockDim.x / 2; half > 0; half /= 2) {
        if (t < half) {
            part[t] += part[t + half];
        }
        __syncthreads();
    }
    double variance = part[0] / n;

    float m = (float)mean;
    float inv = (float)(1.0 / sqrt(variance + eps));
    for (int j = t; j < n; j += blockDim.x) {
        yr[j] = (xr[j] - m) * inv * gamma[j] + beta[j];
    }
}
