package org.pneuma.channel;

/** Outcome of reading one heartbeat slot. */
public enum HeartbeatStatus {
    /** A complete, verified beat; the sample is filled. */
    OK,
    /** The service has never beaten (or its slot was zeroed). The sample is untouched. */
    NEVER,
    /** The writer was beating during the read; read again. The sample is unspecified. */
    TORN,
    /** The slot fails its checks: written by something other than its writer. The sample is unspecified. */
    GARBLED
}
