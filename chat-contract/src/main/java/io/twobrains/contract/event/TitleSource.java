package io.twobrains.contract.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a title was chosen by the user or generated after a reply. */
public enum TitleSource {
    @JsonProperty("manual") MANUAL,
    @JsonProperty("auto") AUTO
}
