package org.pneuma.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void namesAndDescribesErrorsAsLibcSpellsThem() {
        assertThat(Errno.name(Errno.EINVAL)).isEqualTo("EINVAL");
        assertThat(Errno.describe(Errno.EINVAL)).isEqualTo("Invalid argument");
        assertThat(Errno.name(Errno.EPERM)).isEqualTo("EPERM");
        assertThat(Errno.describe(Errno.EPERM)).isEqualTo("Operation not permitted");
        assertThat(Errno.name(Errno.EINTR)).isEqualTo("EINTR");
        assertThat(Errno.name(Errno.ENOMEM)).isEqualTo("ENOMEM");
        assertThat(Errno.name(Errno.EACCES)).isEqualTo("EACCES");
        assertThat(Errno.name(Errno.ENOENT)).isEqualTo("ENOENT");
    }

    @Test
    void anUnknownNumberIsNamedByItsNumber() {
        assertThat(Errno.name(4242)).isEqualTo("errno 4242");
        assertThat(Errno.describe(4242)).contains("4242");
    }

    @Test
    void aHostCallExceptionNamesTheCallItsArgumentsAndTheError() {
        HostCallException e = new HostCallException("mlockall", "MCL_CURRENT|MCL_FUTURE", Errno.ENOMEM);

        assertThat(e).hasMessage("mlockall(MCL_CURRENT|MCL_FUTURE) failed: ENOMEM (Cannot allocate memory)");
        assertThat(e.call()).isEqualTo("mlockall");
        assertThat(e.errno()).isEqualTo(Errno.ENOMEM);
        assertThat(e.errnoName()).isEqualTo("ENOMEM");
    }
}
