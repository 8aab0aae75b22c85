package io.twobrains.command.mcp;

import io.twobrains.command.egress.AddressCheck;
import io.twobrains.command.egress.HostResolver;
import io.twobrains.command.egress.RefusedAddressException;
import io.twobrains.command.egress.RefusedRanges;
import io.twobrains.contract.ContentRules;
import io.twobrains.service.problem.ApiProblem;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps URLs users give (MCP servers, OpenAI-compatible endpoints) off the service's own network:
 * an http(s) URL whose host resolves only to public addresses ({@link RefusedRanges}), unless the
 * host is allow-listed. {@link #check} answers when a URL is stored; {@link #addresses} is what each
 * connection to it runs, so a name cannot be checked once and connected to elsewhere later.
 * Resolution blocks, so callers run it off the event loop.
 */
public class McpUrlPolicy implements AddressCheck {

    private final McpProperties properties;
    private final HostResolver resolver;

    public McpUrlPolicy(McpProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    public McpUrlPolicy(McpProperties properties, HostResolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /** The reason the URL is refused, if it is. An allow-listed host is not resolved here. */
    public Optional<String> check(String url) {
        Optional<String> malformed = ContentRules.httpUrl("url", url);
        if (malformed.isPresent()) {
            return malformed;
        }
        String host = URI.create(url).getHost();
        if (allowed(host)) {
            return Optional.empty();
        }
        try {
            addresses(host);
            return Optional.empty();
        } catch (RefusedAddressException e) {
            return Optional.of("url points at a " + e.range() + " address, which is not allowed");
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

    /**
     * Resolves the host once: all its addresses if every one is public (or the host is allow-listed),
     * else a refusal naming the range.
     */
    @Override
    public List<InetAddress> addresses(String host) throws UnknownHostException, RefusedAddressException {
        String name = bare(host);
        List<InetAddress> addresses = resolver.resolve(name);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(name);
        }
        if (!allowed(host)) {
            for (InetAddress address : addresses) {
                Optional<String> range = RefusedRanges.of(address);
                if (range.isPresent()) {
                    throw new RefusedAddressException(name, range.get());
                }
            }
        }
        return addresses;
    }

    private boolean allowed(String host) {
        String name = canonical(host);
        return properties.allowedPrivateHosts().stream().anyMatch(allowed -> canonical(allowed).equals(name));
    }

    /** A host as written in a URL or as Netty has it: an IPv6 literal with or without its brackets. */
    private static String bare(String host) {
        return host.replaceAll("^\\[|]$", "").toLowerCase(Locale.ROOT);
    }

    /** One spelling per host: an address literal in its standard form ([::1] and 0:0:0:0:0:0:0:1 are one). */
    private static String canonical(String host) {
        String bare = bare(host);
        if (bare.contains(":") || bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                // A literal: parsed, never looked up.
                return InetAddress.getByName(bare).getHostAddress();
            } catch (UnknownHostException e) {
                return bare;
            }
        }
        return bare;
    }
}
