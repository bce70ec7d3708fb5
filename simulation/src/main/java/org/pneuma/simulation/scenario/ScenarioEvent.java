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

    /** The clinician changes the settings; {@code settings} is complete and already validated. */
    record ChangeSettings(double atS, VentilationSettings settings) implements ScenarioEvent {
        public ChangeSettings {
            if (settings == null) throw new IllegalArgumentException("settings are required");
        }
    }

    /** The patient changes (lung mechanics, effort); {@code patient} is complete. */
    record ChangePatient(double atS, PatientModel patient) implements ScenarioEvent {
        public ChangePatient {
            if (patient == null) throw new IllegalArgumentException("patient is required");
        }
    }
}
