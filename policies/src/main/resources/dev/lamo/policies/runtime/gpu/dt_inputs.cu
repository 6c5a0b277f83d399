// The Decision Transformer's inputs, as DtEngine.gather prepares them, for left-padded windows of K steps laid out as
// PolicyBatch holds them ([episode][K][.]). One block per window step (grid.x = episodes * K), threads over columns.
// Padding steps (before the window's last len = lengths[b] steps) get zeros: they are computed but never attended to.
// Header-free; compiled with --fmad=false (see rows.cu).

extern "C" __global__ void dt_prepare(const float* rawStates, const float* rawActions, const float* rawReturns,
                                      const int* rawTimesteps, const int* lengths, const float* mean, const float* std,
                                      float returnScale, int maxTimestep, int K, int S, int A, float* states,
                                      float* actions, float* returns, int* timesteps) {
    int i = blockIdx.x;
    int b = i / K;
    int q = i % K;
    int len = lengths[b];
    len = len < 0 ? 0 : (len > K ? K : len);
    bool real = q >= K - len;
    for (int d = threadIdx.x; d < S; d += blockDim.x) {
        long long at = (long long)i * S + d;
        states[at] = real ? (rawStates[at] - mean[d]) / std[d] : 0.0f;
    }
    for (int d = threadIdx.x; d < A; d += blockDim.x) {
        long long at = (long long)i * A + d;
        actions[at] = real ? rawActions[at] : 0.0f;
    }
    if (threadIdx.x == 0) {
        returns[i] = real ? rawReturns[i] / returnScale : 0.0f;
        int t = rawTimesteps[i];
        timesteps[i] = real ? (t < 0 ? 0 : (t > maxTimestep ? maxTimestep : t)) : 0;
    }
}

// x[b, i] += table[timesteps[b*K + i/3]] for the T = 3K - 1 tokens of each window (token 3q+c belongs to step q).
// One block per token (grid.x = episodes * T), threads over the n columns.
extern "C" __global__ void add_timestep(float* x, int ld, long long es, int T, int K, const int* timesteps,
                                        const float* table, int n) {
    int r = blockIdx.x;
    int b = r / T;
    int i = r % T;
    float* row = x + (long long)b * es + (long long)i * ld;
    const float* e = table + (long long)timesteps[b * K + i / 3] * n;
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        row[j] = row[j] + e[j];
    }
}
