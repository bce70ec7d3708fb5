package org.pneuma.hypervisor.doctor;

import java.util.Objects;

/**
 * The JVM the doctor runs in.
 *
 * @param feature             the feature release, 25
 * @param version             the full version, {@code "25.0.3+9-LTS"}
 * @param vendor              {@code java.vendor}
 * @param nativeAccessEnabled whether this code may call native functions without a warning
 *                            ({@code --enable-native-access} or the jar's {@code Enable-Native-Access}); only
 *                            meaningful before the first native call, after which a JVM that merely warned
 *                            reports it as enabled
 */
public record JavaRuntime(int feature, String version, String vendor, boolean nativeAccessEnabled) {
    /** The oldest release Pneuma builds for. */
    public static final int REQUIRED_FEATURE = 25;

    public JavaRuntime {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(vendor, "vendor");
    }

    /** The running JVM. */
    public static JavaRuntime current() {
        return new JavaRuntime(Runtime.version().feature(), Runtime.version().toString(),
            System.getProperty("java.vendor", "unknown vendor"), JavaRuntime.class.getModule().isNativeAccessEnabled());
    }
}
