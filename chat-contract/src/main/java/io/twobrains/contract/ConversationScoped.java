package io.twobrains.contract;

/** A command or event about one conversation: the processor loads that conversation for it. */
public interface ConversationScoped {

    String conversationId();
}
