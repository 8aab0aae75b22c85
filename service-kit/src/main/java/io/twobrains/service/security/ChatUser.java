package io.twobrains.service.security;

import java.util.Set;

/**
 * The caller, as its token says: the user id is the JWT {@code sub}, never a path or body value.
 *
 * @param plan the {@code plan} claim, or null for the default plan
 */
public record ChatUser(String id, Set<String> roles, String plan) {

    public ChatUser {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
