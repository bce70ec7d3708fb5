package org.pneuma.simulation.scenario;

import org.pneuma.plant.PatientModel;
import org.pneuma.plant.PlantFault;
import org.pneuma.safety.settings.VentilationSettings;

/** Something that happens at a moment of a scenario. Events are applied before that tick's step. */
public sealed interface ScenarioEvent {

    /** When, in seconds from the start of the scenario (the pre-use check is not counted). */
    double atS();

    /** A fault appears in the simulated hardware. */
    record InjectFault(double atS, PlantFault fault) implements ScenarioEvent {
        public InjectFault {
            if (fault == null) throw new IllegalArgumentException("fault is required");
        }
    }

    /** Every fault of {@code kind} goes away. */
    record ClearFault(double atS, PlantFault.Kind kind) implements ScenarioEvent {
        public ClearFault {
            if (kind == null) throw new IllegalArgumentException("kind is required");
        }
    }

    /**
     * The clinician changes the settings; {@code settings} is complete and already validated. Alarm
     * limits the scenario has not fixed move to the defaults for the new settings.
     */
    record ChangeSettings(double atS, VentilationSettings settings) implements ScenarioEvent {
        public ChangeSettings {
            if (settings == null) throw new IllegalArgumentException("settings are required");
        }
    }

    /**
     * The clinician sets alarm limits. {@code limits} is every limit fixed from now on (those fixed
     * before included): it replaces the fixed limits in force, and the limits it leaves out follow
     * the settings.
     */
    record ChangeAlarmLimits(double atS, AlarmLimitOverrides limits) implements ScenarioEvent {
        public ChangeAlarmLimits {
            if (limits == null) throw new IllegalArgumentException("limits are required");
        }
    }

    /** The operator acknowledges the alarms. */
    record Acknowledge(double atS) implements ScenarioEvent {
    }

    /** The operator pauses the alarm sound (for at most two minutes; a new alarm ends the pause). */
    record PauseAudio(double atS) implements ScenarioEvent {
    }

    /** The control step starts to fail: it stalls or throws (see {@link ControlFault}). */
    record InjectControlFault(double atS, ControlFault fault) implements ScenarioEvent {
        public InjectControlFault {
            if (fault == null) throw new IllegalArgumentException("fault is required");
        }
    }

    /**
     * The control step's fault goes away. The monitor does not trust a failed control step again: the
     * partition has abandoned it, so the safe state and CONTROL_FAILURE stay.
     */
    record ClearControlFault(double atS, ControlFault fault) implements ScenarioEvent {
        public ClearControlFault {
            if (fault == null) throw new IllegalArgumentException("fault is required");
        }
    }

    /** The patient changes (lung mechanics, effort); {@code patient} is complete. */
    record ChangePatient(double atS, PatientModel patient) implements ScenarioEvent {
        public ChangePatient {
            if (patient == null) throw new IllegalArgumentException("patient is required");
        }
    }
}
