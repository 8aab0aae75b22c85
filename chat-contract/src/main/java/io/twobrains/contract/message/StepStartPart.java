package io.twobrains.contract.message;

/** Marks where a new step of a multi-step (tool-using) reply begins, as the AI SDK does. */
public record StepStartPart() implements Part {

    @Override
    public int length() {
        return 0;
    }

    @Override
    public <R> R accept(Part.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
