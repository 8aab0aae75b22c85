package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.testkit.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * Chatting in a real browser against the whole stack: a streamed reply rendered as markdown with
 * highlighted code, stop, regenerate, a reload mid-reply, the keyboard alone, and a quota refusal in
 * words. Replies come from the loopback OpenAI, which echoes the message a word at a time.
 */
class ChatUiIT {

    private static final String ECHO_MODEL = "gpt-4o-mini";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        stack = Stacks.shared();
    }

    /** A message of plain words with the held word in the middle: its echo stops there until released. */
    private static String messageHeldAt(String held) {
        return words(1, 200) + " " + held + " " + words(201, 400);
    }

    private static String words(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
    }

    private static ApiClient api(String user) {
        return new ApiClient(stack.doorUrl(), Stacks.mint(stack).token(user));
    }

    /** The saved messages of a conversation, as the API gives them. */
    private static List<JsonNode> saved(String user, String conversationId) {
        JsonNode items = api(user).get("/api/conversations/" + conversationId + "/messages?limit=50").json().get("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).toList();
    }

    private static String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        message.get("parts").forEach(part -> {
            if ("text".equals(part.get("type").asString())) {
                text.append(part.get("text").asString());
            }
        });
        return text.toString();
    }

    @Test
    void aReplyStreamsInAsMarkdownWithHighlightedCodeAndCanBeRegenerated() {
        try (AppUser user = AppUser.signIn(stack, "ui-chat")) {
            user.chooseModel(ECHO_MODEL);
            WebElement input = user.browser.find("#composer-input");
            input.sendKeys("Some **bold** words and code:");
            input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), Keys.chord(Keys.SHIFT, Keys.ENTER));
            input.sendKeys("```python", Keys.chord(Keys.SHIFT, Keys.ENTER), "print(42)", Keys.chord(Keys.SHIFT, Keys.ENTER), "```");
            input.sendKeys(Keys.ENTER);

            user.awaitReply();
            String conversation = user.conversationId();
            assertThat(user.browser.text("tb-chat article.assistant .markdown strong")).isEqualTo("bold");
            assertThat(user.browser.find("tb-chat article.assistant pre code.hljs").getText()).isEqualTo("print(42)");
            assertThat(user.browser.present("tb-chat article.assistant pre .copy-code")).isTrue();
            assertThat(user.browser.present("tb-chat article.assistant pre code.hljs span")).as("code is highlighted").isTrue();
            String firstReply = saved("ui-chat", conversation).get(1).get("id").asString();

            user.browser.find("tb-chat .regenerate").click();

            user.browser.await("the regenerated reply", d -> {
                List<JsonNode> messages = saved("ui-chat", conversation);
                return messages.size() == 2 && !messages.get(1).get("id").asString().equals(firstReply)
                        && user.replies() == 1 && !user.browser.present("article[aria-busy=true]")
                        && messages.get(1).get("id").asString().equals(
                                user.browser.find("tb-chat article.assistant").getAttribute("data-id"));
            });
            assertThat(user.browser.text("tb-chat article.assistant .markdown strong")).isEqualTo("bold");
        }
    }

    @Test
    void aReplyStoppedMidwayKeepsWhatWasWritten() {
        try (AppUser user = AppUser.signIn(stack, "ui-stop");
                var held = Stacks.openAi().hold("held-for-stop")) {
            user.chooseModel(ECHO_MODEL);
            user.send(messageHeldAt("held-for-stop"));
            user.awaitReplyShowing("held-for-stop");

            // Enter while the reply is still being written: the message stays, and the composer says why.
            user.browser.find("#composer-input").sendKeys("a second thought", Keys.ENTER);
            String why = user.browser.await("the composer saying why it cannot send yet",
                    d -> user.browser.present("tb-composer .composer-why") ? user.browser.text("tb-composer .composer-why") : null);
            assertThat(why).contains("still being written");
            assertThat(user.browser.find("#composer-input").getAttribute("value")).isEqualTo("a second thought");

            user.browser.find("tb-composer .stop").click();

            String shown = user.awaitReply();
            String kept = text(saved("ui-stop", user.conversationId()).get(1));
            assertThat(kept).isEqualTo("Echo: " + words(1, 200) + " held-for-stop");
            assertThat(shown).isEqualTo(kept);
            user.browser.await("the reason gone once the reply has ended", d -> !user.browser.present("tb-composer .composer-why"));
            assertThat(user.browser.find("#composer-input").getAttribute("value")).as("the message still kept").isEqualTo("a second thought");
        }
    }

    @Test
    void aReloadMidReplyResumesItWithoutDuplicatedText() {
        try (AppUser user = AppUser.signIn(stack, "ui-resume");
                var held = Stacks.openAi().hold("held-for-reload")) {
            user.chooseModel(ECHO_MODEL);
            String message = messageHeldAt("held-for-reload");
            user.send(message);
            user.awaitReplyShowing("held-for-reload");

            user.browser.driver.navigate().refresh();

            user.awaitReplyShowing("held-for-reload");
            held.release();
            String shown = user.awaitReply();
            assertThat(shown).isEqualTo("Echo: " + message);
            assertThat(text(saved("ui-resume", user.conversationId()).get(1))).isEqualTo(shown);
            assertThat(user.replies()).isEqualTo(1);
        }
    }

    @Test
    void theKeyboardAloneSendsAMessageAndOpensSettings() {
        try (AppUser user = AppUser.signIn(stack, "ui-keyboard")) {
            user.browser.await("the composer focused", d -> "composer-input".equals(d.switchTo().activeElement().getAttribute("id")));
            user.browser.driver.switchTo().activeElement().sendKeys("Hello from the keyboard", Keys.ENTER);
            assertThat(user.awaitReply()).contains("Hello from the keyboard");

            for (int i = 0; i < 80 && !"Settings".equals(user.browser.driver.switchTo().activeElement().getText()); i++) {
                user.browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            }
            user.browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);

            user.browser.await("the settings page", d -> d.getCurrentUrl().endsWith("/settings"));
            assertThat(user.browser.text("tb-settings h1")).isEqualTo("Settings");
        }
    }

    @Test
    void aQuotaRefusalIsShownInWordsAndTheMessageIsKept() {
        ApiClient api = new ApiClient(stack.doorUrl(), Stacks.mint(stack).tokenWithPlan("ui-quota", Stacks.TINY_PLAN));
        for (int i = 0; i < Stacks.TINY_DAILY; i++) {
            ApiClient.Response reply = api.send("POST", "/api/chat", Map.of("id", "used-up-" + i, "model", ECHO_MODEL,
                    "messages", List.of(Map.of("id", "m" + i, "role", "user", "parts", List.of(Map.of("type", "text", "text", "hi"))))));
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        }
        try (AppUser user = AppUser.signIn(stack, "ui-quota")) {
            user.chooseModel(ECHO_MODEL);
            user.send("One more, please");

            WebElement refusal = user.browser.find("tb-chat tb-notice [data-kind=quota]");
            assertThat(refusal.getText()).contains("You have used all your free messages for today", "Add your own provider key");
            assertThat(refusal.getText()).doesNotContain("{", "limitType");
            assertThat(user.browser.find("#composer-input").getAttribute("value")).isEqualTo("One more, please");
            assertThat(user.browser.present("tb-chat article.user")).isFalse();
        }
    }
}
