package io.twobrains.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server for tests: each lookup of a scripted name gets the next of its answers (the last one
 * repeats), as a name under an attacker's control can answer differently each time it is asked (DNS
 * rebinding). Address literals resolve as the JDK resolves them; any other name does not resolve.
 */
public final class ScriptedResolver {

    private final Map<String, List<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /**
     * From now on, each lookup of {@code host} gets the next answer, from the first; an answer is a
     * comma-separated list of address literals.
     */
    public ScriptedResolver answer(String host, String... answersInTurn) {
        lookups.remove(host);
        List<List<InetAddress>> turns = new ArrayList<>();
        for (String answer : answersInTurn) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : answer.split(",")) {
                addresses.add(literal(literal.strip()));
            }
            turns.add(List.copyOf(addresses));
        }
        answers.put(host, List.copyOf(turns));
        return this;
    }

    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<List<InetAddress>> turns = answers.get(host);
        if (turns == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return List.of(InetAddress.getAllByName(host));
            }
            throw new UnknownHostException(host);
        }
        int turn = lookups.computeIfAbsent(host, h -> new AtomicInteger()).getAndIncrement();
        return turns.get(Math.min(turn, turns.size() - 1));
    }

    /** How many times the name was looked up. */
    public int lookups(String host) {
        AtomicInteger count = lookups.get(host);
        return count == null ? 0 : count.get();
    }

    private static InetAddress literal(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }
}
