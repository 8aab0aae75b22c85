package io.twobrains.command.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.testkit.ScriptedResolver;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a pinned connection is given to connect to: exactly the addresses of one checked lookup. */
class PinnedResolverGroupTest {

    private final ScriptedResolver dns = new ScriptedResolver();
    private final AddressResolver<InetSocketAddress> resolver = new PinnedResolverGroup(
            new McpUrlPolicy(new McpProperties(List.of("allowed.test")), dns::resolve), Runnable::run)
            .getResolver(ImmediateEventExecutor.INSTANCE);

    @Test
    void aConnectionGetsExactlyTheAddressesItsOwnLookupChecked() throws Exception {
        dns.answer("two.test", "203.0.113.7, 2001:db8::7", "127.0.0.1");

        Future<List<InetSocketAddress>> first = resolver.resolveAll(InetSocketAddress.createUnresolved("two.test", 443)).await();

        assertThat(first.getNow()).containsExactly(new InetSocketAddress("203.0.113.7", 443),
                new InetSocketAddress("2001:db8::7", 443));
        assertThat(dns.lookups("two.test")).as("one lookup per connection").isEqualTo(1);

        Future<List<InetSocketAddress>> second = resolver.resolveAll(InetSocketAddress.createUnresolved("two.test", 443)).await();
        assertThat(second.cause()).as("the next lookup answers loopback").isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() throws Exception {
        dns.answer("mixed.test", "203.0.113.7, 10.0.0.7");

        assertThat(resolver.resolveAll(InetSocketAddress.createUnresolved("mixed.test", 80)).await().cause())
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("private");
        assertThat(resolver.resolve(InetSocketAddress.createUnresolved("mixed.test", 80)).await().cause())
                .isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void anAddressAlreadyResolvedIsCheckedToo() throws Exception {
        InetSocketAddress literal = new InetSocketAddress("127.0.0.1", 8080);

        assertThat(resolver.isResolved(literal)).as("Netty must not skip the check").isFalse();
        assertThat(resolver.resolveAll(literal).await().cause()).isInstanceOf(RefusedAddressException.class);
        assertThat(resolver.resolve(new InetSocketAddress("::ffff:169.254.169.254", 80)).await().cause())
                .isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void anAllowListedNameMayResolveToAPrivateAddress() throws Exception {
        dns.answer("allowed.test", "127.0.0.1");

        assertThat(resolver.resolve(InetSocketAddress.createUnresolved("allowed.test", 8080)).await().getNow())
                .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    }

    @Test
    void aNameThatDoesNotResolveFails() throws Exception {
        assertThat(resolver.resolve(InetSocketAddress.createUnresolved("nowhere.test", 80)).await().cause())
                .isInstanceOf(java.net.UnknownHostException.class);
    }
}
