package io.twobrains.contract.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list; {@code nextCursor} is opaque and null on the last page. */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
