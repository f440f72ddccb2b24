package io.atrium.standins.payara;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoopbackDataGridTest {

    @Test
    void each_member_listens_on_its_own_loopback_port_and_finds_the_others_there_without_multicast() {
        LoopbackDataGrid grid = new LoopbackDataGrid("atrium-test", List.of(16901, 16902));

        assertThat(grid.arguments(1)).containsSubsequence("--clustername", "atrium-test")
                .containsSubsequence("--clustermode", "tcpip:127.0.0.1:16901,127.0.0.1:16902")
                .containsSubsequence("--startport", "16902")
                .containsSubsequence("--interfaces", "127.0.0.1")
                .containsSubsequence("--hzpublicaddress", "127.0.0.1")
                .contains("--nohostaware");
        assertThat(String.join(" ", grid.arguments(0))).doesNotContain("multicast").doesNotContain("0.0.0.0");
    }

    @Test
    void a_new_grid_has_a_name_of_its_own_and_distinct_ports() {
        LoopbackDataGrid one = LoopbackDataGrid.of(2);
        LoopbackDataGrid other = LoopbackDataGrid.of(2);

        assertThat(one.name()).isNotEqualTo(other.name());
        assertThat(one.ports()).hasSize(2).doesNotHaveDuplicates();
    }
}
