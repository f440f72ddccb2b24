package io.atrium.standins.payara;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.atrium.standins.LocalPorts;

/**
 * Payara's Hazelcast data grid shared by Payara Micro instances on this machine, on 127.0.0.1 only: members find each
 * other by TCP/IP at the listed loopback ports (no multicast), listen on loopback alone and announce it, and a grid
 * name of its own keeps other runs on the machine out. Host-aware partitioning is off, since every member has the
 * same address: with it on, Hazelcast would keep no backup of a session anywhere.
 *
 * @param name  the grid's (cluster's) name
 * @param ports each member's data grid port on 127.0.0.1, by member index
 */
public record LoopbackDataGrid(String name, List<Integer> ports) {

    /** Without it Hazelcast binds its port on every interface even when told to use 127.0.0.1. */
    static final Map<String, String> SYSTEM_PROPERTIES = Map.of("hazelcast.socket.bind.any", "false");

    public LoopbackDataGrid {
        ports = List.copyOf(ports);
    }

    /** A new grid of {@code members} members, each with a free port. */
    public static LoopbackDataGrid of(int members) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < members) {
            ports.add(LocalPorts.free());
        }
        return new LoopbackDataGrid("atrium-" + UUID.randomUUID(), List.copyOf(ports));
    }

    /** The Payara Micro options that make an instance member {@code member} of this grid. */
    public List<String> arguments(int member) {
        String members = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        return List.of(
                "--clustername", name,
                "--clustermode", "tcpip:" + members,
                "--startport", Integer.toString(ports.get(member)),
                "--interfaces", "127.0.0.1",
                "--hzpublicaddress", "127.0.0.1",
                "--nohostaware",
                "--name", "member-" + member);
    }
}
