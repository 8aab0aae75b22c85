package io.twobrains.command.mcp;

import io.twobrains.contract.ContentRules;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import io.twobrains.service.problem.ApiProblem;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps users' MCP servers off the service's own network: an http(s) URL whose host resolves only to
 * public addresses, unless the host is allow-listed. Resolution blocks, so callers run it off the
 * event loop.
 */
public class McpUrlPolicy {

    private final McpProperties properties;

    public McpUrlPolicy(McpProperties properties) {
        this.properties = properties;
    }

    /** The reason the URL is refused, if it is. */
    public Optional<String> check(String url) {
        Optional<String> malformed = ContentRules.httpUrl("url", url);
        if (malformed.isPresent()) {
            return malformed;
        }
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
        if (properties.allowedPrivateHosts().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(host))) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
                    return Optional.of("url points at a private or loopback address, which is not allowed");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("url host " + host + " does not resolve");
        }
    }

    /** The check as a 400 problem, off the event loop (resolution blocks). */
    public Mono<Void> verify(String url) {
        return Mono.fromCallable(() -> check(url))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(refused -> refused.<Mono<Void>>map(reason -> Mono.error(ApiProblem.badRequest(reason)))
                        .orElse(Mono.empty()));
    }

    /** IPv6 unique local addresses (fc00::/7), which InetAddress does not call site-local. */
    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
    }
}
