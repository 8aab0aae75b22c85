package io.twobrains.contract.message;

/** The model's visible reasoning, as its provider streamed it. Only assistant messages have it. */
public record ReasoningPart(String text) implements Part {

    @Override
    public int length() {
        return text == null ? 0 : text.length();
    }
}
