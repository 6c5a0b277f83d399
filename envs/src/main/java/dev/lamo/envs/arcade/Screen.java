package dev.lamo.envs.arcade;

import java.util.Arrays;

/**
 * A 210 × 160 frame, the Atari 2600's screen size as the Arcade Learning Environment delivers it. Games draw
 * rectangles and digits in palette colours; the screen stores each colour through a shade table: the grey
 * levels (so a grey frame needs no conversion pass, which matters at 10,000 frames a second) or the palette
 * indices themselves (for {@link Palette#toRgb}). Drawing is clipped to the screen.
 */
public final class Screen {

    public static final int HEIGHT = 210;
    public static final int WIDTH = 160;

    /** 3 × 5 digit glyphs, one row per bit group (bit 2 is the left column). */
    private static final int[][] DIGITS = {
        {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
        {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
    };

    private final byte[] pixels;
    private final byte[] shades;

    /** A screen that stores palette indices. */
    public Screen() {
        this(new byte[HEIGHT * WIDTH], null);
    }

    /** A screen drawing into {@code pixels} (210 × 160, row-major), storing colour c as {@code shades[c]}. */
    Screen(byte[] pixels, byte[] shades) {
        if (pixels.length != HEIGHT * WIDTH) {
            throw new IllegalArgumentException("a screen has " + HEIGHT * WIDTH + " pixels, got " + pixels.length);
        }
        this.pixels = pixels;
        this.shades = shades;
    }

    private byte shade(int colour) {
        return shades == null ? (byte) colour : shades[colour];
    }

    /** Paints the whole screen with one colour. */
    public void clear(int colour) {
        Arrays.fill(pixels, shade(colour));
    }

    /** Fills the rectangle with top-left corner (x, y), clipped to the screen. */
    public void fill(int x, int y, int width, int height, int colour) {
        int x0 = Math.max(0, x);
        int x1 = Math.min(WIDTH, x + width);
        int y0 = Math.max(0, y);
        int y1 = Math.min(HEIGHT, y + height);
        if (x0 >= x1) {
            return;
        }
        byte value = shade(colour);
        for (int row = y0; row < y1; row++) {
            Arrays.fill(pixels, row * WIDTH + x0, row * WIDTH + x1, value);
        }
    }

    /** Draws a non-negative number with its last digit ending left of {@code right}, each digit scaled × 2. */
    public void number(int value, int right, int y, int colour) {
        String digits = Integer.toString(Math.max(0, value));
        int x = right - digits.length() * 8;
        for (int i = 0; i < digits.length(); i++) {
            int[] glyph = DIGITS[digits.charAt(i) - '0'];
            for (int row = 0; row < 5; row++) {
                for (int col = 0; col < 3; col++) {
                    if ((glyph[row] >> (2 - col) & 1) != 0) {
                        fill(x + i * 8 + col * 2, y + row * 2, 2, 2, colour);
                    }
                }
            }
        }
    }

    /** The stored value at (x, y): a palette index, or a grey level (unsigned) on a grey screen. */
    public int at(int x, int y) {
        return pixels[y * WIDTH + x] & 0xff;
    }

    /** The raw palette indices, row-major; read-only by contract. */
    byte[] pixels() {
        return pixels;
    }
}
