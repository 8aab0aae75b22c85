package io.twobrains.command.egress;

import java.io.IOException;

/** A host of a URL a user gave resolved to an address in a refused range: no connection was made. */
public final class RefusedAddressException extends IOException {

    private final String range;

    public RefusedAddressException(String host, String range) {
        super(host + " resolves to a " + range + " address, which is refused");
        this.range = range;
    }

    /** The refused range, named ({@link RefusedRanges}). */
    public String range() {
        return range;
    }
}
