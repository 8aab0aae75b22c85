package io.twobrains.contract.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the log: ISO-8601 instants, nulls left out, unknown properties tolerated. */
public final class ChatJson {

    /**
     * Readers of the log tolerate unknown properties, so a newer writer never breaks an older
     * reader; the HTTP APIs use a strict copy (see {@link #strict()}).
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private ChatJson() {
    }

    /** A mapper for client input: unknown properties, trailing tokens and nulls for primitives are errors. */
    public static JsonMapper strict() {
        return MAPPER.rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
