/**
 * The assembled ventilator: the safety partition as its own real-time process over the simulated
 * patient, mapped onto the channels the supervisor created.
 */
package org.pneuma.system;
