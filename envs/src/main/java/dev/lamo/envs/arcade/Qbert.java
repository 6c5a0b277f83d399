package dev.lamo.envs.arcade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Qbert-style game: the player hops diagonally on a pyramid of 28 cubes (7 rows); landing on a cube whose
 * top is not yet the target colour turns it and scores 25; turning every cube scores a 1,000-point bonus and
 * starts the next round on a fresh pyramid with faster enemies. Hopping off the pyramid, or meeting a red ball
 * (they drop in at the second row and bounce down at random) or Coily (a purple ball that bounces to the
 * bottom, then hatches into a snake that hops towards the player), costs one of 4 lives; the enemies are then
 * cleared. A hop takes 18 frames and input is read only between hops. Minimal action set: NOOP, FIRE, UP
 * (up-right), RIGHT (down-right), LEFT (up-left), DOWN (down-left).
 */
public final class Qbert extends LivesGame {

    static final int NOOP = 0;
    static final int FIRE = 1;
    static final int UP_RIGHT = 2;
    static final int DOWN_RIGHT = 3;
    static final int UP_LEFT = 4;
    static final int DOWN_LEFT = 5;

    static final int ROWS = 7;
    static final int CUBES = ROWS * (ROWS + 1) / 2;
    static final int HOP_FRAMES = 18;
    static final int DEATH_FRAMES = 60;
    static final int CUBE_POINTS = 25;
    static final int ROUND_BONUS = 1000;
    static final int LIVES = 4;
    /** Row and column change of each action's hop (index = action). */
    static final int[][] MOVES = {{0, 0}, {0, 0}, {-1, 0}, {1, 1}, {-1, -1}, {1, 0}};
    private static final int CUBE_HALF_WIDTH = 11;
    private static final int ROW_HEIGHT = 24;
    private static final int TOP_Y = 40;

    private static final Palette PALETTE = new Palette(0x000000, 0x4a4ab4, 0xd2d25a, 0x2a6a6a, 0x184848, 0xe07030,
            0xd04040, 0x9040c0, 0xececec);
    private static final int START_COLOUR = 1;
    private static final int TARGET_COLOUR = 2;

    /** A ball or the snake: where it stands or is hopping to, and when it hops next. */
    private static final class Enemy {
        boolean snake;
        boolean coily;
        int row;
        int col;
        int wait;
    }

    private final boolean[] turned = new boolean[CUBES];
    private final List<Enemy> enemies = new ArrayList<>();
    private RandomGenerator rng;
    private int row;
    private int col;
    private int hopFrames;
    private int targetRow;
    private int targetCol;
    private int deathFrames;
    private int round;
    private int spawnWait;

    @Override
    public String name() {
        return "qbert";
    }

    @Override
    public List<String> actionNames() {
        return List.of("NOOP", "FIRE", "UP", "RIGHT", "LEFT", "DOWN");
    }

    @Override
    public void reset(RandomGenerator rng) {
        this.rng = rng;
        startCount(LIVES);
        round = 0;
        newRound();
    }

    private void newRound() {
        Arrays.fill(turned, false);
        respawn();
    }

    private void respawn() {
        row = 0;
        col = 0;
        hopFrames = 0;
        deathFrames = 0;
        enemies.clear();
        spawnWait = enemyPeriod() * 2;
    }

    private int enemyPeriod() {
        return Math.max(24, 48 - 6 * round);
    }

    static int index(int row, int col) {
        return row * (row + 1) / 2 + col;
    }

    static boolean onPyramid(int row, int col) {
        return row >= 0 && row < ROWS && col >= 0 && col <= row;
    }

    @Override
    public int frame(int action) {
        if (over) {
            return 0;
        }
        if (deathFrames > 0) {
            if (--deathFrames == 0) {
                if (lives == 0) {
                    over = true;
                } else {
                    respawn();
                }
            }
            return 0;
        }
        int reward = 0;
        if (hopFrames > 0) {
            if (--hopFrames == 0) {
                row = targetRow;
                col = targetCol;
                if (!onPyramid(row, col)) {
                    return die();
                }
                if (!turned[index(row, col)]) {
                    turned[index(row, col)] = true;
                    reward += CUBE_POINTS;
                    if (allTurned()) {
                        reward += ROUND_BONUS;
                        score += reward;
                        round++;
                        newRound();
                        return reward;
                    }
                }
            }
        } else if (action >= UP_RIGHT && action <= DOWN_LEFT) {
            targetRow = row + MOVES[action][0];
            targetCol = col + MOVES[action][1];
            hopFrames = HOP_FRAMES;
        }
        moveEnemies();
        if (caught()) {
            score += reward;
            die();
            return reward;
        }
        score += reward;
        return reward;
    }

    private boolean allTurned() {
        for (boolean t : turned) {
            if (!t) {
                return false;
            }
        }
        return true;
    }

    private int die() {
        lives--;
        deathFrames = DEATH_FRAMES;
        enemies.clear();
        return 0;
    }

    private void moveEnemies() {
        if (--spawnWait <= 0) {
            Enemy e = new Enemy();
            e.row = 1;
            e.col = rng.nextInt(2);
            e.coily = enemies.stream().noneMatch(x -> x.coily) && rng.nextInt(3) == 0;
            e.wait = enemyPeriod();
            enemies.add(e);
            spawnWait = enemyPeriod() * 3;
        }
        for (int i = enemies.size() - 1; i >= 0; i--) {
            Enemy e = enemies.get(i);
            if (--e.wait > 0) {
                continue;
            }
            e.wait = enemyPeriod();
            if (e.snake) {
                chase(e);
            } else {
                e.row++;
                e.col += rng.nextInt(2);
                if (e.row == ROWS - 1 && e.coily) {
                    e.snake = true;
                } else if (e.row >= ROWS) {
                    enemies.remove(i);
                }
            }
        }
    }

    /** The snake hops to the neighbouring cube closest to where the player stands or is landing. */
    private void chase(Enemy e) {
        int goalRow = hopFrames > 0 ? targetRow : row;
        int goalCol = hopFrames > 0 ? targetCol : col;
        int bestRow = e.row;
        int bestCol = e.col;
        double best = Double.POSITIVE_INFINITY;
        for (int a = UP_RIGHT; a <= DOWN_LEFT; a++) {
            int r = e.row + MOVES[a][0];
            int c = e.col + MOVES[a][1];
            double d = distance(r, c, goalRow, goalCol);
            if (onPyramid(r, c) && d < best) {
                best = d;
                bestRow = r;
                bestCol = c;
            }
        }
        e.row = bestRow;
        e.col = bestCol;
    }

    /** Distance between cube centres on the screen, in half-cube units. */
    static double distance(int r1, int c1, int r2, int c2) {
        double dx = (2 * c1 - r1) - (2 * c2 - r2);
        double dy = 2.0 * (r1 - r2);
        return Math.hypot(dx, dy);
    }

    /** Met an enemy: on the same cube while standing, or while landing on the cube an enemy holds. */
    private boolean caught() {
        for (Enemy e : enemies) {
            boolean here = e.row == row && e.col == col && hopFrames == 0;
            boolean landing = hopFrames > 0 && hopFrames < HOP_FRAMES / 2 && e.row == targetRow && e.col == targetCol;
            if (here || landing) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void render(Screen screen) {
        screen.clear(0);
        screen.number(score, 72, 6, 5);
        for (int l = 0; l < lives; l++) {
            screen.fill(10 + l * 8, 24, 5, 6, 5);
        }
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c <= r; c++) {
                int x = centreX(r, c);
                int y = TOP_Y + r * ROW_HEIGHT;
                screen.fill(x - CUBE_HALF_WIDTH, y, 2 * CUBE_HALF_WIDTH, 8, turned[index(r, c)] ? TARGET_COLOUR : START_COLOUR);
                screen.fill(x - CUBE_HALF_WIDTH, y + 8, CUBE_HALF_WIDTH, 14, 3);
                screen.fill(x, y + 8, CUBE_HALF_WIDTH, 14, 4);
            }
        }
        for (Enemy e : enemies) {
            if (onPyramid(e.row, e.col)) {
                int x = centreX(e.row, e.col);
                int y = TOP_Y + e.row * ROW_HEIGHT - (e.snake ? 14 : 8);
                screen.fill(x - 4, y, 8, e.snake ? 14 : 8, e.coily ? 7 : 6);
            }
        }
        if (deathFrames == 0 || deathFrames % 8 < 4) {
            double t = hopFrames == 0 ? 0 : 1 - (double) hopFrames / HOP_FRAMES;
            double x = centreX(row, col) + t * (centreX(targetRow, targetCol) - centreX(row, col));
            double y = TOP_Y + (row + t * (targetRow - row)) * ROW_HEIGHT - 12 - 10 * Math.sin(Math.PI * t);
            screen.fill((int) Math.round(x) - 5, (int) Math.round(y), 10, 12, 5);
            screen.fill((int) Math.round(x) + 3, (int) Math.round(y) + 5, 4, 3, 8);
        }
    }

    private static int centreX(int r, int c) {
        return Screen.WIDTH / 2 + (2 * c - r) * CUBE_HALF_WIDTH;
    }

    @Override
    public Palette palette() {
        return PALETTE;
    }

    // what a scripted player may look at
    boolean standing() {
        return hopFrames == 0 && deathFrames == 0;
    }

    int row() {
        return row;
    }

    int col() {
        return col;
    }

    boolean turned(int r, int c) {
        return turned[index(r, c)];
    }

    /** Cubes an enemy stands on or may hop to next. */
    boolean[] threatened() {
        boolean[] t = new boolean[CUBES];
        for (Enemy e : enemies) {
            mark(t, e.row, e.col);
            if (e.snake) {
                for (int a = UP_RIGHT; a <= DOWN_LEFT; a++) {
                    mark(t, e.row + MOVES[a][0], e.col + MOVES[a][1]);
                }
            } else {
                mark(t, e.row + 1, e.col);
                mark(t, e.row + 1, e.col + 1);
            }
        }
        return t;
    }

    private static void mark(boolean[] t, int r, int c) {
        if (onPyramid(r, c)) {
            t[index(r, c)] = true;
        }
    }

    int round() {
        return round;
    }
}
