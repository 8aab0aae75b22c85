package io.twobrains.command.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.testkit.ScriptedResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check of a URL when it is stored, and of a host when a connection is made. */
class McpUrlPolicyTest {

    private final ScriptedResolver dns = new ScriptedResolver()
            .answer("public.test", "203.0.113.7")
            .answer("cgnat.test", "100.64.1.2")
            .answer("nat64.test", "64:ff9b::a9fe:a9fe")
            .answer("internal.test", "10.1.2.3");
    private final McpUrlPolicy policy = new McpUrlPolicy(new McpProperties(List.of("internal.test", "::1")), dns::resolve);

    @Test
    void aUrlIsRefusedForTheRangeItsHostResolvesTo() {
        assertThat(policy.check("https://public.test/mcp")).isEmpty();
        assertThat(policy.check("https://cgnat.test/mcp")).contains("url points at a shared address space address, which is not allowed");
        assertThat(policy.check("https://nat64.test/mcp")).get().asString().contains("NAT64").contains("link-local");
        assertThat(policy.check("http://[::ffff:7f00:1]:8080/mcp")).get().asString().contains("loopback");
        assertThat(policy.check("http://0.0.0.0:8080/mcp")).get().asString().contains("this network");
        assertThat(policy.check("https://nowhere.test/mcp")).contains("url host nowhere.test does not resolve");
        assertThat(policy.check("ftp://public.test/mcp")).isPresent();
    }

    @Test
    void anAllowListedHostMayBePrivateWhenStoredAndWhenConnected() throws Exception {
        assertThat(policy.check("http://internal.test:8080/mcp")).isEmpty();
        assertThat(policy.addresses("internal.test")).extracting(Object::toString).containsExactly("/10.1.2.3");
        assertThat(policy.check("http://[::1]:8080/mcp")).as("an allow-listed IPv6 literal, with brackets").isEmpty();
        assertThat(policy.addresses("0:0:0:0:0:0:0:1")).as("as Netty writes it").hasSize(1);
        assertThat(policy.check("http://127.0.0.1:8080/mcp")).as("another name for an allowed address").isPresent();
    }

    @Test
    void aConnectionIsRefusedWithTheRangeNamed() {
        assertThatThrownBy(() -> policy.addresses("cgnat.test")).isInstanceOf(RefusedAddressException.class)
                .satisfies(e -> assertThat(((RefusedAddressException) e).range()).isEqualTo("shared address space"));
    }
}
