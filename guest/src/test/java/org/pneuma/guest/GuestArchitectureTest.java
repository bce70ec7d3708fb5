package org.pneuma.guest;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The production guest classes keep the architecture's promise. */
@AnalyzeClasses(packages = "org.pneuma.guest", importOptions = ImportOption.DoNotIncludeTests.class)
class GuestArchitectureTest {

    @ArchTest
    static final ArchRule guestDependsOnlyOnItselfTheChannelAgronaAndTheJdk =
            GuestArchitecture.DEPENDS_ONLY_ON_THE_CHANNEL_AGRONA_AND_THE_JDK;
}
