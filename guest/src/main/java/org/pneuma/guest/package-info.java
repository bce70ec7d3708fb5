/**
 * The guest partition's services: display, recorder and uploader. Each reads the sensor bus through a
 * read-only mapping, beats its heartbeat slot, and may ask the safety partition for changes through the
 * command mailbox; none is trusted by the safety partition. Depends on {@code channel} only.
 */
package org.pneuma.guest;
