package org.pneuma.hypervisor;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production hypervisor classes keep the architecture's promise. */
@AnalyzeClasses(packages = "org.pneuma.hypervisor", importOptions = ImportOption.DoNotIncludeTests.class)
class HypervisorArchitectureTest {

    @ArchTest
    static final ArchRule hypervisorNeverDependsOnSafetyPlantSystemOrGuest =
            HypervisorArchitecture.NEVER_DEPENDS_ON_WHAT_RUNS_IN_THE_PARTITIONS;
}
