// Causal softmax attention of left-padded windows, one block per (episode, head): grid.x = episodes * heads.
// Episode b's token i (0 .. T-1) has its query, key and value at qkv + b*esq + i*ldq, columns h*hs (query),
// H + h*hs (key), 2H + h*hs (value), H = heads*hs. Its window has len = lengths[b] real steps, the last ones, so its
// real tokens are first = 3*(K - len) .. T-1 and padded keys get weight exactly 0 (they are never read), which is what
// GPT-2's additive -10000 mask computes in float. Queries firstQuery .. T-1 (threads stride over them) write row
// i - firstQuery of out + b*eso (ld ldo, columns h*hs); padded queries write zeros.
// Every sum runs in a fixed order over keys first .. i (scores: the fmaf chain over the head's dimensions; output:
// the fmaf chain over keys), as VectorOps computes it. Header-free; compiled with --fmad=false (see rows.cu).

#define MAX_HEAD_SIZE 256

__device__ static float score(const float* q, const float* k, int hs, float scale) {
    float c = 0.0f;
    for (int d = 0; d < hs; d++) {
        c = fmaf(q[d], k[d], c);
    }
    return c * scale;
}

extern "C" __global__ void causal_attention(const float* qkv, int ldq, long long esq, float* out, int ldo, long long eso,
                                            const int* lengths, int K, int T, int heads, int hs, float scale,
                                            int firstQuery) {
    int b = blockIdx.x / heads;
    int h = blockIdx.x % heads;
    int hidden = heads * hs;
    int len = lengths[b];
    len = len < 0 ? 0 : (len > K ? K : len);
    int first = 3 * (K - len);
    const float* window = qkv + (long long)b * esq;
    float* o0 = out + (long long)b * eso;
    for (int i = firstQuery + threadIdx.x; i < T; i += blockDim.x) {
        float* o = o0 + (long long)(i - firstQuery) * ldo + h * hs;
        if (i < first) {
            for (int d = 0; d < hs; d++) {
                o[d] = 0.0f;
            }
            continue;
        }
        const float* q = window + (long long)i * ldq + h * hs;
        float max = __int_as_float(0xff800000);  // -infinity (no math.h under NVRTC)
        for (int j = first; j <= i; j++) {
            float s = score(q, window + (long long)j * ldq + hidden + h * hs, hs, scale);
            max = s > max ? s : max;
        }
        float sum = 0.0f;
        for (int j = first; j <= i; j++) {
            float s = score(q, window + (long long)j * ldq + hidden + h * hs, hs, scale);
            sum += (float)exp((double)(s - max));
        }
        float acc[MAX_HEAD_SIZE];
        for (int d = 0; d < hs; d++) {
            acc[d] = 0.0f;
        }
        for (int j = first; j <= i; j++) {
            float s = score(q, window + (long long)j * ldq + hidden + h * hs, hs, scale);
            float p = (float)exp((double)(s - max)) / sum;
            const float* v = window + (long long)j * ldq + 2 * hidden + h * hs;
            for (int d = 0; d < hs; d++) {
                acc[d] = fmaf(p, v[d], acc[d]);
            }
        }
        for (int d = 0; d < hs; d++) {
            o[d] = acc[d];
        }
    }
}
