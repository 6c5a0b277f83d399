package dev.lamo.envs.data;

/**
 * Per-dimension observation mean and standard deviation (over every row of the loaded, possibly
 * down-sampled data, with 1e-6 added to the std as LaMo's normalisation does), and return and length
 * distributions.
 */
public record DatasetStatistics(double[] observationMean, double[] observationStd, double returnMean,
                                double returnStd, double returnMin, double returnMax, double lengthMean,
                                int lengthMin, int lengthMax) {

    public static final double STD_EPSILON = 1e-6;

    public static DatasetStatistics of(TrajectoryDataset data) {
        int d = data.observationSize();
        int n = data.size();
        double[] mean = new double[d];
        double[] row = new double[d];
        FloatMatrix obs = data.observations();
        for (int r = 0; r < n; r++) {
            obs.copyRow(r, row, 0);
            for (int c = 0; c < d; c++) {
                mean[c] += row[c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        double[] var = new double[d];
        for (int r = 0; r < n; r++) {
            obs.copyRow(r, row, 0);
            for (int c = 0; c < d; c++) {
                double z = row[c] - mean[c];
                var[c] += z * z;
            }
        }
        double[] std = new double[d];
        for (int c = 0; c < d; c++) {
            std[c] = Math.sqrt(var[c] / n) + STD_EPSILON;
        }
        double[] returns = data.episodeReturns();
        int[] lengths = data.episodeLengths();
        double rMean = 0;
        double rMin = Double.POSITIVE_INFINITY;
        double rMax = Double.NEGATIVE_INFINITY;
        for (double v : returns) {
            rMean += v;
            rMin = Math.min(rMin, v);
            rMax = Math.max(rMax, v);
        }
        rMean /= returns.length;
        double rVar = 0;
        for (double v : returns) {
            rVar += (v - rMean) * (v - rMean);
        }
        int lMin = Integer.MAX_VALUE;
        int lMax = 0;
        for (int l : lengths) {
            lMin = Math.min(lMin, l);
            lMax = Math.max(lMax, l);
        }
        return new DatasetStatistics(mean, std, rMean, Math.sqrt(rVar / returns.length), rMin, rMax,
                (double) n / lengths.length, lMin, lMax);
    }
}
