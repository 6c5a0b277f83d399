package dev.lamo.policies.gpt2;

import java.util.Map;

/** A straightforward double-precision GPT-2 forward, written from the formulas, to check ours against. */
final class ReferenceGpt2 {

    private final Gpt2Config c;
    private final Map<String, float[]> w;

    ReferenceGpt2(Gpt2Config config, Map<String, float[]> hfWeights) {
        this.c = config;
        this.w = hfWeights;
    }

    /** x: [T][H] embeddings of one sequence; mask: 1 real / 0 padding per position. Returns [T][H]. */
    double[][] forward(double[][] x, int[] mask, boolean addPositions) {
        int t = x.length;
        int h = c.nEmbd();
        double[][] hs = new double[t][h];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < h; j++) {
                hs[i][j] = x[i][j] + (addPositions ? w.get("wpe.weight")[i * h + j] : 0);
            }
        }
        for (int l = 0; l < c.nLayer(); l++) {
            String p = "h." + l + ".";
            double[][] a = attention(layerNorm(hs, p + "ln_1"), mask, p);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < h; j++) {
                    hs[i][j] += a[i][j];
                }
            }
            double[][] m = linear(layerNorm(hs, p + "ln_2"), p + "mlp.c_fc");
            for (double[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = activation(row[j]);
                }
            }
            m = linear(m, p + "mlp.c_proj");
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < h; j++) {
                    hs[i][j] += m[i][j];
                }
            }
        }
        return layerNorm(hs, "ln_f");
    }

    private double activation(double v) {
        return switch (c.activationFunction()) {
            case "relu" -> Math.max(0, v);
            case "gelu_new" -> 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            default -> throw new IllegalStateException();
        };
    }

    private double[][] attention(double[][] x, int[] mask, String p) {
        int t = x.length;
        int h = c.nEmbd();
        int n = c.nHead();
        int d = h / n;
        double[][] qkv = linear(x, p + "attn.c_attn");
        double[][] out = new double[t][h];
        for (int head = 0; head < n; head++) {
            for (int i = 0; i < t; i++) {
                double[] s = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += qkv[i][head * d + k] * qkv[j][h + head * d + k];
                    }
                    s[j] = j <= i ? dot / Math.sqrt(d) : -10000;
                    s[j] += (1 - mask[j]) * -10000.0;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < t; j++) {
                    for (int k = 0; k < d; k++) {
                        out[i][head * d + k] += s[j] / sum * qkv[j][2 * h + head * d + k];
                    }
                }
            }
        }
        return linear(out, p + "attn.c_proj");
    }

    private double[][] linear(double[][] x, String name) {
        float[] weight = w.get(name + ".weight");
        float[] bias = w.get(name + ".bias");
        int in = x[0].length;
        int out = bias.length;
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int k = 0; k < in; k++) {
                    s += x[i][k] * weight[k * out + o];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String name) {
        float[] g = w.get(name + ".weight");
        float[] b = w.get(name + ".bias");
        double[][] y = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (double v : x[i]) {
                mean += v / x[i].length;
            }
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean) / x[i].length;
            }
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = (x[i][j] - mean) / Math.sqrt(var + c.layerNormEpsilon()) * g[j] + b[j];
            }
        }
        return y;
    }
}
