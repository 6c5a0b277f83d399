package dev.lamo.policies.offline;

/** What a pixel-game baseline's network is built from, beyond the loop's settings: the encoder's width. */
public interface FrameConfig extends OfflineSchedule {

    /** Features of the frame encoder's projection (512 in the Nature DQN and d3rlpy's pixel encoder). */
    int hidden();
}
