package io.twobrains.contract;

/** A command or event about the user's profile (settings, keys, MCP servers, quotas): the processor loads it. */
public interface ProfileScoped {
}
