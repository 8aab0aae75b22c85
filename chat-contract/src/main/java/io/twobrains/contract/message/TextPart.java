package io.twobrains.contract.message;

import io.twobrains.contract.content.Redacted;
import io.twobrains.contract.content.ContentCipher;

public record TextPart(String text) implements Part {

    @Override
    public int length() {
        return text == null ? 0 : ContentCipher.isSealed(text) ? ContentCipher.plainBytes(text) : text.length();
    }

    @Override
    public String toString() {
        return "TextPart[text=" + Redacted.of(text) + "]";
    }

    @Override
    public <R> R accept(Part.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
