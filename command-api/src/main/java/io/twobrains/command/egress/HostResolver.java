package io.twobrains.command.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution: the JDK's in service, a scripted one in tests (a name that answers differently each time). */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of the host; blocks. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
