package io.twobrains.contract.message;

public record TextPart(String text) implements Part {

    @Override
    public int length() {
        return text == null ? 0 : text.length();
    }
}
