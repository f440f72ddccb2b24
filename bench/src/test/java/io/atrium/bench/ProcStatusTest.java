package io.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void the_resident_set_is_read_from_vmrss_in_kibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9876543 kB\nVmHWM:\t  812340 kB\nVmRSS:\t  801234 kB\nRssAnon:\t 700000 kB\n";

        assertThat(ProcStatus.residentKibibytes(status)).isEqualTo(801_234);
    }

    @Test
    void a_status_without_vmrss_is_refused() {
        assertThatThrownBy(() -> ProcStatus.residentKibibytes("Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void this_jvm_has_a_resident_set() throws Exception {
        assertThat(ProcStatus.residentMebibytes(ProcessHandle.current().pid())).isGreaterThan(1);
    }
}
