package dev.lamo.envs.arcade;

/**
 * The colours a game draws with, by index, and their grey levels. Grey is ITU-R BT.601 luma
 * (0.299 R + 0.587 G + 0.114 B, rounded), the weights OpenCV's RGB-to-grey conversion uses on ALE frames.
 */
public final class Palette {

    private final int[] rgb;
    private final byte[] grey;

    /** Colours as 0xRRGGBB, index 0 first. */
    public Palette(int... rgb) {
        if (rgb.length == 0 || rgb.length > 127) {
            throw new IllegalArgumentException("a palette has 1 to 127 colours, got " + rgb.length);
        }
        this.rgb = rgb.clone();
        this.grey = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int r = rgb[i] >> 16 & 0xff;
            int g = rgb[i] >> 8 & 0xff;
            int b = rgb[i] & 0xff;
            grey[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
    }

    /** A screen over {@code pixels} that stores the grey level of every colour drawn. */
    public Screen greyScreen(byte[] pixels) {
        return new Screen(pixels, grey);
    }

    /** Writes a palette-index screen as RGB bytes, row-major with 3 channels, into {@code out} (210 × 160 × 3). */
    public void toRgb(Screen screen, byte[] out) {
        byte[] p = screen.pixels();
        for (int i = 0; i < p.length; i++) {
            int c = rgb[p[i]];
            out[3 * i] = (byte) (c >> 16);
            out[3 * i + 1] = (byte) (c >> 8);
            out[3 * i + 2] = (byte) c;
        }
    }
}
