package io.twobrains.command.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a URL given by a user may not lead to: this service's own host and networks, and
 * ranges that are not the public internet. An IPv6 address that carries an IPv4 one (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address inside it, because that is where a
 * connection to it ends up.
 */
public final class RefusedRanges {

    private static final List<Range> IPV4 = List.of(
            Range.of("0.0.0.0/8", "this network"),
            Range.of("10.0.0.0/8", "private"),
            Range.of("100.64.0.0/10", "shared address space"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private"),
            Range.of("192.168.0.0/16", "private"),
            Range.of("198.18.0.0/15", "benchmarking"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved"));

    private static final List<Range> IPV6 = List.of(
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("64:ff9b:1::/48", "local-use NAT64"),
            Range.of("fc00::/7", "unique local"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local"),
            Range.of("ff00::/8", "multicast"));

    /** IPv6 forms with an IPv4 address inside, and where in the 16 bytes it sits. */
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Range.of("::ffff:0:0/96", "IPv4-mapped"), 12),
            new Embedding(Range.of("::/96", "IPv4-compatible"), 12),
            new Embedding(Range.of("64:ff9b::/96", "NAT64"), 12),
            new Embedding(Range.of("2002::/16", "6to4"), 2));

    private RefusedRanges() {
    }

    /** The refused range the address is in, named (with the IPv4 inside, if that is what is refused). */
    public static Optional<String> of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return match(IPV4, bytes);
        }
        Optional<String> direct = match(IPV6, bytes);
        if (direct.isPresent()) {
            return direct;
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (embedding.form().contains(bytes)) {
                byte[] inside = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return match(IPV4, inside).map(range -> embedding.form().name() + " form of a " + range + " address");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> match(List<Range> ranges, byte[] address) {
        return ranges.stream().filter(range -> range.contains(address)).findFirst().map(Range::name);
    }

    private record Embedding(Range form, int offset) {
    }

    private record Range(byte[] prefix, int bits, String name) {

        static Range of(String cidr, String name) {
            String[] parts = cidr.split("/");
            try {
                // Literals only: this never asks DNS.
                byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
                if (prefix.length == 4 && parts[0].contains(":")) {
                    // Java reads ::ffff:a.b.c.d as an IPv4 address; the range is an IPv6 one.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(prefix, 0, mapped, 12, 4);
                    prefix = mapped;
                }
                return new Range(prefix, Integer.parseInt(parts[1]), name);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
