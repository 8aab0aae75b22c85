package io.twobrains.contract.view;

import java.time.Instant;

/** A stored key as anyone may see it: never the key, only its last four characters. */
public record ApiKeyView(String hint, Instant updatedAt, String baseUrl) {
}
