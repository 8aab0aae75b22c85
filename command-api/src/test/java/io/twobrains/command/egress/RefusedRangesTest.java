package io.twobrains.command.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refused range at both of its ends and just outside them, and the IPv6 forms that carry an
 * IPv4 address: refused exactly when the IPv4 address inside would be.
 */
class RefusedRangesTest {

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest(name = "{0} is refused ({1})")
    @CsvSource({
            "0.0.0.0, this network", "0.255.255.255, this network",
            "10.0.0.0, private", "10.255.255.255, private",
            "100.64.0.0, shared address space", "100.127.255.255, shared address space",
            "127.0.0.1, loopback", "127.255.255.255, loopback",
            "169.254.0.0, link-local", "169.254.169.254, link-local",
            "172.16.0.0, private", "172.31.255.255, private",
            "192.168.0.0, private", "192.168.255.255, private",
            "198.18.0.0, benchmarking", "198.19.255.255, benchmarking",
            "224.0.0.0, multicast", "239.255.255.255, multicast",
            "240.0.0.0, reserved", "255.255.255.255, reserved",
            "::, unspecified", "::1, loopback",
            "fc00::, unique local", "fdff:ffff::1, unique local",
            "fe80::, link-local", "febf:ffff::1, link-local",
            "fec0::, site-local", "feff:ffff::1, site-local",
            "ff00::, multicast", "ff02::1, multicast",
            "64:ff9b:1::, local-use NAT64", "64:ff9b:1:ffff::1, local-use NAT64"})
    void refusedRangesAreRefusedAtBothEnds(String literal, String range) throws UnknownHostException {
        assertThat(RefusedRanges.of(address(literal))).contains(range);
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "203.0.113.9", "223.255.255.255",
            "2606:4700:4700::1111", "2001:db8::1", "fbff:ffff::1", "64:ff9b:2::1", "2003::1"})
    void addressesJustOutsideTheRangesArePublic(String literal) throws UnknownHostException {
        assertThat(RefusedRanges.of(address(literal))).isEmpty();
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @CsvSource({
            // IPv4-mapped, as DNS can answer them (Java turns the literal into IPv4, so build the IPv6 bytes)
            "::ffff:7f00:1, 127.0.0.1", "::ffff:a9fe:a9fe, 169.254.169.254", "::ffff:6440:1, 100.64.0.1",
            // IPv4-compatible
            "::7f00:1, 127.0.0.1", "::a00:1, 10.0.0.1",
            // NAT64 (RFC 6052 well-known prefix)
            "64:ff9b::7f00:1, 127.0.0.1", "64:ff9b::a9fe:a9fe, 169.254.169.254", "64:ff9b::c612:1, 198.18.0.1",
            "64:ff9b::f000:1, 240.0.0.1", "64:ff9b::1, 0.0.0.1",
            // 6to4: the IPv4 address is bits 16 to 47
            "2002:7f00:1::1, 127.0.0.1", "2002:c0a8:101::, 192.168.1.1", "2002:a00:1:1::1, 10.0.0.1",
            "2002:6440:1::1, 100.64.0.1", "2002:e000:1::1, 224.0.0.1"})
    void anIpv6FormIsRefusedWhenTheIpv4InsideWouldBe(String literal, String inside) throws UnknownHostException {
        assertThat(RefusedRanges.of(address(inside))).as(inside).isPresent();
        assertThat(RefusedRanges.of(ipv6(literal))).as(literal).isPresent()
                .get().asString().contains(RefusedRanges.of(address(inside)).orElseThrow());
    }

    @ParameterizedTest(name = "{0} carries the public {1}")
    @CsvSource({"::ffff:808:808, 8.8.8.8", "64:ff9b::808:808, 8.8.8.8", "2002:808:808::1, 8.8.8.8",
            "64:ff9b::cb00:7109, 203.0.113.9", "2002:cb00:7109::, 203.0.113.9"})
    void anIpv6FormOfAPublicIpv4IsPublic(String literal, String inside) throws UnknownHostException {
        assertThat(RefusedRanges.of(address(inside))).isEmpty();
        assertThat(RefusedRanges.of(ipv6(literal))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:0.0.0.0"})
    void aMappedLiteralThatJavaReadsAsIpv4IsJudgedTheSame(String literal) throws UnknownHostException {
        assertThat(RefusedRanges.of(address(literal))).isPresent();
    }

    /** The 16 bytes of an IPv6 literal, kept as IPv6 even where Java would turn them into IPv4. */
    private static InetAddress ipv6(String literal) throws UnknownHostException {
        byte[] bytes = new byte[16];
        String[] halves = literal.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
        for (int i = 0; i < head.length; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(bytes, 8 - tail.length + i, tail[i]);
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    private static void put(byte[] bytes, int group, String hex) {
        int value = Integer.parseInt(hex, 16);
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }
}
