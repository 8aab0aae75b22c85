package io.twobrains.contract.view;

import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import java.time.Instant;
import java.util.List;

public record MessageView(String id, Role role, List<Part> parts, Instant createdAt) {
}
