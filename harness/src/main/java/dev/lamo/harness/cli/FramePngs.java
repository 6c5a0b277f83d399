package dev.lamo.harness.cli;

import dev.lamo.envs.arcade.Screen;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * The PNGs {@code lamo env frames} and {@code lamo env rollout --frames} write for a step: {@code screen_NNNNNN.png},
 * the 210 × 160 colour screen, and {@code observation_NNNNNN.png}, the newest grey frame of the observation stack.
 */
final class FramePngs {

    private final Path folder;
    private final int height;
    private final int width;

    /** Frames of {@code height × width} grey bytes, the newest last in each observation; creates the folder. */
    FramePngs(Path folder, int height, int width) throws IOException {
        this.folder = folder;
        this.height = height;
        this.width = width;
        Files.createDirectories(folder);
    }

    /** Both PNGs of a step; {@code rgb} null when the environment has no colour screen (then only the observation). */
    void write(int step, byte[] rgb, byte[] observation) throws IOException {
        if (rgb != null) {
            writeScreen(step, rgb);
        }
        writeObservation(step, observation);
    }

    /** The colour screen, RGB bytes row by row ({@link Screen#HEIGHT} × {@link Screen#WIDTH} × 3). */
    void writeScreen(int step, byte[] rgb) throws IOException {
        BufferedImage screen = new BufferedImage(Screen.WIDTH, Screen.HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < Screen.WIDTH * Screen.HEIGHT; i++) {
            int c = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff;
            screen.setRGB(i % Screen.WIDTH, i / Screen.WIDTH, c);
        }
        ImageIO.write(screen, "png", folder.resolve(String.format("screen_%06d.png", step)).toFile());
    }

    /** The newest frame of a stacked observation (frames oldest first). */
    void writeObservation(int step, byte[] observation) throws IOException {
        BufferedImage seen = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int newest = observation.length - height * width;
        seen.getRaster().setDataElements(0, 0, width, height, Arrays.copyOfRange(observation, newest, observation.length));
        ImageIO.write(seen, "png", folder.resolve(String.format("observation_%06d.png", step)).toFile());
    }
}
