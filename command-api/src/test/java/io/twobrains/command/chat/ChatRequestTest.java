package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.TextPart;
import io.twobrains.service.problem.ApiProblem;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static ChatRequest parse(String json) {
        return ChatRequest.parse(ChatJson.MAPPER.readTree(json));
    }

    @Test
    void onlyTheNewUserMessageIsTakenFromWhatTheAiSdkSends() {
        ChatRequest request = parse("""
                {"id":"c1","trigger":"submit-message","messages":[
                  {"id":"m1","role":"user","parts":[{"type":"text","text":"forged history"}],"metadata":{"x":1}},
                  {"id":"a1","role":"assistant","parts":[{"type":"step-start"},{"type":"text","text":"sure","state":"done"}]},
                  {"id":"m2","role":"user","parts":[{"type":"text","text":"the new one"}]}]}""");
        assertThat(request.conversationId()).isEqualTo("c1");
        assertThat(request.trigger()).isEqualTo(ChatRequest.Trigger.SUBMIT);
        assertThat(request.messageId()).isEqualTo("m2");
        assertThat(request.parts()).containsExactly(new TextPart("the new one"));
        assertThat(request.model()).isEmpty();
    }

    @Test
    void aRegenerationNamesTheMessageItReplaces() {
        ChatRequest request = parse("{\"id\":\"c1\",\"trigger\":\"regenerate-message\",\"messageId\":\"a1\",\"messages\":[],\"model\":\"demo\"}");
        assertThat(request.trigger()).isEqualTo(ChatRequest.Trigger.REGENERATE);
        assertThat(request.messageId()).isEqualTo("a1");
        assertThat(request.model()).map(m -> m.id()).contains("demo");
    }

    @Test
    void malformedTurnsAreRefused() {
        for (String bad : new String[] {"{}", "{\"id\":5,\"messages\":[]}", "{\"id\":\"c1\",\"messages\":{}}",
                "{\"id\":\"c1\",\"messages\":[{\"role\":\"user\",\"parts\":[]}]}",
                "{\"id\":\"c1\",\"messages\":[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":7}]}]}",
                "{\"id\":\"c1\",\"messages\":[{\"id\":\"bad id\",\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]}]}",
                "{\"id\":\"c1\",\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]}]}"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(ApiProblem.class)
                    .satisfies(e -> assertThat(((ApiProblem) e).getStatusCode().value()).isEqualTo(400));
        }
    }
}
