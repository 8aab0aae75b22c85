package io.twobrains.local.kafka;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The users a secured {@link LocalKafkaBroker} lets in over SASL/PLAIN, each with a random password,
 * and which of them is the super user (the broker and its controller sign in to each other as that
 * one too). What each other user may do is up to the ACLs.
 *
 * <p>PLAIN over plaintext sends the password in the clear; it is here because it needs no key
 * material, and the broker listens on 127.0.0.1 only. A real cluster uses SCRAM or OAUTHBEARER over
 * TLS; the twobrains services take any of them, since they pass every {@code spring.kafka.*} setting on
 * to their clients.
 */
public record SaslUsers(String superUser, Map<String, String> passwords) {

    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final SecureRandom RANDOM = new SecureRandom();

    public SaslUsers {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(superUser)) {
            throw new IllegalArgumentException("the super user " + superUser + " has no password");
        }
        passwords.forEach((user, password) -> {
            if (!user.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("user names and passwords are letters, digits, '_' and '-'");
            }
        });
    }

    /** {@code superUser} and {@code others}, each with a new random password. */
    public static SaslUsers random(String superUser, List<String> others) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(superUser, password());
        others.forEach(user -> passwords.put(user, password()));
        return new SaslUsers(superUser, passwords);
    }

    /** The client settings that sign in as {@code user}. */
    public Map<String, Object> clientSettings(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such Kafka user: " + user);
        }
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** The broker's settings for {@code listener} and the controller's listener: who may sign in, and the authorizer. */
    Map<String, String> brokerSettings(String listener, String controllerListener) {
        String accounts = passwords.entrySet().stream()
                .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                .collect(Collectors.joining(" "));
        // The listener's own username and password are what the broker signs in with as a client
        // (to itself, and to the controller): the super user's.
        String jaas = LOGIN_MODULE + " required username=\"" + superUser + "\" password=\""
                + passwords.get(superUser) + "\" " + accounts + ";";
        Map<String, String> settings = new HashMap<>();
        settings.put("sasl.enabled.mechanisms", "PLAIN");
        settings.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        settings.put("sasl.mechanism.controller.protocol", "PLAIN");
        for (String name : List.of(listener, controllerListener)) {
            settings.put("listener.name." + name.toLowerCase() + ".sasl.enabled.mechanisms", "PLAIN");
            settings.put("listener.name." + name.toLowerCase() + ".plain.sasl.jaas.config", jaas);
        }
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("super.users", "User:" + superUser);
        settings.put("allow.everyone.if.no.acl.found", "false");
        return settings;
    }

    @Override
    public String toString() {
        return "SaslUsers[superUser=" + superUser + ", users=" + passwords.keySet() + "]";
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
