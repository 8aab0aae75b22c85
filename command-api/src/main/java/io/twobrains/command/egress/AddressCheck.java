package io.twobrains.command.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host of a URL a user gave, once, and checks every address it has. */
@FunctionalInterface
public interface AddressCheck {

    /** The addresses a connection to the host may use; blocks. */
    List<InetAddress> addresses(String host) throws UnknownHostException, RefusedAddressException;
}
