package org.pneuma.safety;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production safety classes keep the architecture's promises. */
@AnalyzeClasses(packages = "org.pneuma.safety", importOptions = ImportOption.DoNotIncludeTests.class)
class SafetyArchitectureTest {

    @ArchTest
    static final ArchRule safetyDependsOnlyOnItselfTheHalTheChannelAndTheJdk =
            SafetyArchitecture.DEPENDS_ONLY_ON_HAL_CHANNEL_AND_THE_JDK;

    @ArchTest
    static final ArchRule safetyNeverDependsOnThePlantSupervisorGuestSimulationOrCli =
            SafetyArchitecture.NEVER_TOUCHES_THE_SIMULATOR_SUPERVISOR_OR_GUEST;

    @ArchTest
    static final ArchRule controlAndBreathCodeDoesNoIoAndNoLogging =
            SafetyArchitecture.NO_IO_OR_LOGGING_ON_THE_CONTROL_PATH;
}
