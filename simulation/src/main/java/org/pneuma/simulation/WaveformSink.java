package org.pneuma.simulation;

import java.io.IOException;

/**
 * Receives every tick of a recording run. Called on the stepping thread; may do I/O (the runner is
 * off-line), and may keep only some samples (a CSV writer decimates to 200 Hz).
 */
public interface WaveformSink {

    /** {@code sample} is only valid during the call. */
    void accept(WaveformSample sample) throws IOException;
}
