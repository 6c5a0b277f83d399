package dev.lamo.envs.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.EnumDataType;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads whole HDF5 datasets as primitive columns with conversions and one-line errors. Datasets are read
 * in bulk: h5py chunks D4RL's arrays by column, so slicing rows would touch every chunk once per slice.
 */
public final class Hdf5Columns {

    private final HdfFile hdf;
    private final Path file;

    public Hdf5Columns(HdfFile hdf, Path file) {
        this.hdf = hdf;
        this.file = file;
    }

    public static HdfFile open(Path file) {
        try {
            return new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new DatasetFormatException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    public boolean has(String key) {
        try {
            hdf.getByPath(key);
            return true;
        } catch (HdfException e) {
            return false;
        }
    }

    public Dataset dataset(String key) {
        Node node;
        try {
            node = hdf.getByPath(key);
        } catch (HdfException e) {
            throw new DatasetFormatException(file + ": missing dataset '" + key + "'");
        }
        if (!(node instanceof Dataset ds)) {
            throw new DatasetFormatException(file + ": '" + key + "' is a group, expected a dataset");
        }
        return ds;
    }

    /** Rows of a 1-d or 2-d dataset (the first dimension). */
    public long rows(String key) {
        int[] dims = dataset(key).getDimensions();
        return dims.length == 0 ? 1 : dims[0];
    }

    /** Values per row: 1 for a 1-d dataset, the product of the remaining dimensions otherwise. */
    public int rowSize(String key) {
        int[] dims = dataset(key).getDimensions();
        int size = 1;
        for (int d = 1; d < dims.length; d++) {
            size *= dims[d];
        }
        return size;
    }

    /** A numeric dataset as float32 values, row-major. */
    public float[] floats(String key) {
        Object data = flat(key);
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        double[] d = numericAsDoubles(key, data);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** A numeric dataset as float64 values, row-major. */
    public double[] doubles(String key) {
        Object data = flat(key);
        if (data instanceof double[] d) {
            return d;
        }
        if (data instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        return numericAsDoubles(key, data);
    }

    /**
     * A flag column: h5py booleans (an HDF5 enum over int8, which jhdf would return as labels), float32
     * (D4RL's kitchen files), integers or HDF5 bitfields; non-zero means set.
     */
    public boolean[] flags(String key) {
        Dataset ds = dataset(key);
        if (ds.getDataType() instanceof EnumDataType) {
            ByteBuffer raw = ((DatasetBase) ds).getDataBuffer();
            int size = ds.getDataType().getSize();
            int n = (int) ds.getSize();
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                long v = 0;
                for (int b = 0; b < size; b++) {
                    v |= (raw.get(i * size + b) & 0xFFL) << (8 * b);
                }
                out[i] = v != 0;
            }
            return out;
        }
        Object data = flat(key);
        if (data instanceof boolean[] b) {
            return b;
        }
        double[] d = data instanceof float[] || data instanceof double[] ? doubles(key) : numericAsDoubles(key, data);
        boolean[] out = new boolean[d.length];
        for (int i = 0; i < d.length; i++) {
            if (Double.isNaN(d[i])) {
                throw new DatasetFormatException(file + ": '" + key + "' row " + i + " is NaN; expected 0 or 1");
            }
            out[i] = d[i] != 0;
        }
        return out;
    }

    /** A scalar dataset or attribute-free value as a Java object (String, Number), or null if absent. */
    public Object scalar(String key) {
        if (!has(key)) {
            return null;
        }
        Object data = dataset(key).getData();
        if (data instanceof String[] s && s.length == 1) {
            return s[0];
        }
        return data;
    }

    private Object flat(String key) {
        Dataset ds = dataset(key);
        try {
            return ds.getDataFlat();
        } catch (HdfException | ClassCastException | UnsupportedOperationException e) {
            throw new DatasetFormatException(file + ": dataset '" + key + "' cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private double[] numericAsDoubles(String key, Object data) {
        if (data instanceof byte[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (data instanceof short[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (data instanceof int[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        if (data instanceof long[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        }
        throw new DatasetFormatException(file + ": dataset '" + key + "' holds " + data.getClass().getSimpleName()
                + ", expected numbers");
    }

    /** Fails with the first non-finite value's position (row, and column when rows have several values). */
    public static void requireFinite(Path file, String key, float[] values, int cols) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new DatasetFormatException(file + ": '" + key + "' row " + i / cols
                        + (cols > 1 ? " column " + i % cols : "") + " is " + values[i] + "; expected finite values");
            }
        }
    }
}
