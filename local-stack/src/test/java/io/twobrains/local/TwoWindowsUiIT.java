package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * Two windows of one signed-in user: what happens in one shows in the other without a reload, through
 * the live feed: a new conversation, its rename, a reply as it streams, its deletion, and a change of
 * settings, read no older than the change.
 */
class TwoWindowsUiIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        stack = Stacks.shared();
    }

    @Test
    void aNewConversationARenameAReplyAndADeleteInOneWindowAppearInTheOther() {
        try (AppUser user = AppUser.signIn(stack, "ui-tabs");
                var held = Stacks.openAi().hold("held-for-tabs")) {
            WebDriver driver = user.browser.driver;
            String first = driver.getWindowHandle();
            driver.switchTo().newWindow(WindowType.WINDOW);
            String second = driver.getWindowHandle();
            user.open("/");

            driver.switchTo().window(first);
            user.send("Plan a trip to Lisbon");
            user.awaitReply();
            String id = user.conversationId();
            String item = "tb-sidebar li.conversation[data-id='" + id + "']";

            driver.switchTo().window(second);
            user.browser.find(item);

            driver.switchTo().window(first);
            user.browser.find(item + " button[aria-label^=Rename]").click();
            user.browser.find("tb-sidebar .rename-input").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Lisbon in May", Keys.ENTER);

            driver.switchTo().window(second);
            user.browser.await("the new title in the other window",
                    d -> "Lisbon in May".equals(user.browser.text(item + " .conversation-title")));
            user.browser.find(item + " a").click();
            user.browser.await("the conversation open in the other window", d -> d.getCurrentUrl().endsWith("/c/" + id));

            driver.switchTo().window(first);
            user.chooseModel("gpt-4o-mini");
            String message = IntStream.rangeClosed(1, 300).mapToObj(i -> "step" + i).collect(Collectors.joining(" "))
                    + " held-for-tabs and the rest";
            user.send(message);
            user.awaitReplyShowing("held-for-tabs");

            driver.switchTo().window(second);
            user.awaitReplyShowing("held-for-tabs");
            held.release();
            assertThat(user.awaitReply()).isEqualTo("Echo: " + message);

            driver.switchTo().window(first);
            assertThat(user.awaitReply()).isEqualTo("Echo: " + message);
            user.browser.find(item + " button[aria-label^=Delete]").click();
            driver.switchTo().alert().accept();

            driver.switchTo().window(second);
            user.browser.await("the conversation gone from the other window", d -> !user.browser.present(item));
            user.browser.await("the other window back at a new chat", d -> d.getCurrentUrl().equals(stack.doorUrl() + "/"));
        }
    }

    @Test
    void aModelChosenInOneWindowIsReadInBothNoOlderThanTheChange() {
        try (AppUser user = AppUser.signIn(stack, "ui-tabs-settings")) {
            WebDriver driver = user.browser.driver;
            String first = driver.getWindowHandle();
            recordRequests(user);
            driver.switchTo().newWindow(WindowType.WINDOW);
            String second = driver.getWindowHandle();
            user.open("/");
            recordRequests(user);

            driver.switchTo().window(first);
            user.chooseModel("gpt-4o-mini");
            long saved = user.browser.await("the saved change's seq", d -> requests(user).stream()
                    .filter(request -> "PATCH".equals(request.get("method")) && request.get("seq") != null)
                    .map(request -> Long.parseLong((String) request.get("seq"))).findFirst().orElse(null));

            // Each window reads the settings again when the feed announces the change. Without asking for at
            // least the change's seq, that read can come from a projection that predates it, and undo the choice.
            for (String window : List.of(second, first)) {
                driver.switchTo().window(window);
                user.browser.await("a read of the settings after the change", d -> requests(user).stream()
                        .anyMatch(request -> "GET".equals(request.get("method"))
                                && "/api/settings".equals(request.get("path"))));
                assertThat(requests(user).stream()
                        .filter(request -> "/api/settings".equals(request.get("path")) && "GET".equals(request.get("method")))
                        .map(request -> request.get("minSeq") == null ? 0L : Long.parseLong((String) request.get("minSeq"))))
                        .allSatisfy(minSeq -> assertThat(minSeq).isGreaterThanOrEqualTo(saved));
                user.browser.await("the chosen model in this window", d -> "gpt-4o-mini".equals(user.browser.script(
                        "return document.querySelector('#model-select').value")));
            }
        }
    }

    @Test
    void aListOfModelsReadEarlierNeverReplacesOneReadLater() {
        try (AppUser user = AppUser.signIn(stack, "ui-tabs-models")) {
            WebDriver driver = user.browser.driver;
            String chat = driver.getWindowHandle();
            String option = "#model-select option[value='gpt-4.1']";
            assertThat(user.browser.find(option).getAttribute("disabled")).as("no key yet").isNotNull();
            // The answer to this window's next read of the models (the one the stored key prompts) is held back
            // until released.
            user.browser.script("""
                    window.modelsAnswered = 0;
                    let release;
                    window.releaseModels = new Promise(resolve => { release = resolve; });
                    window.release = () => release();
                    let holding = true;
                    const original = window.fetch;
                    window.fetch = async (input, init = {}) => {
                      const models = new URL(String(input), location.href).pathname === '/api/models';
                      const held = models && holding; // the first read asked for, whichever is answered first
                      if (held) holding = false;
                      const response = await original(input, init);
                      if (held) await window.releaseModels;
                      if (models) window.modelsAnswered++;
                      return response;
                    };
                    """);
            driver.switchTo().newWindow(WindowType.WINDOW);
            user.open("/settings");
            String row = "tb-settings li.key-row[data-provider=openai]";
            user.browser.find(row + " input[name=key]").sendKeys("sk-test-models-turn-0123456789");
            user.browser.find(row + " button[type=submit]").click();
            user.browser.await("the key stored", d -> user.browser.present(row + " .key-hint"));
            // Stored, then removed: the chat window reads the models twice, the first answer (key stored) held.
            user.browser.find(row + " button.danger").click();
            driver.switchTo().alert().accept();
            user.browser.await("the key gone", d -> user.browser.present(row + " input[name=key]"));

            driver.switchTo().window(chat);
            user.browser.await("the later read answered first", d -> ((Number) user.browser.script(
                    "return window.modelsAnswered")).intValue() >= 1);
            user.browser.script("window.release()");
            user.browser.await("the earlier read answered last", d -> ((Number) user.browser.script(
                    "return window.modelsAnswered")).intValue() >= 2);
            assertThat(user.browser.within(Duration.ofSeconds(2),
                    d -> user.browser.find(option).getAttribute("disabled") == null))
                    .as("the model of a removed key offered again by the earlier, late answer").isFalse();
        }
    }

    /** Keeps, in the page, each API call's method, path, X-Chat-Min-Seq asked for and X-Chat-Seq answered. */
    private static void recordRequests(AppUser user) {
        user.browser.script("""
                if (window.recorded) return;
                window.recorded = [];
                const original = window.fetch;
                window.fetch = async (input, init = {}) => {
                  const response = await original(input, init);
                  window.recorded.push({ method: init.method || 'GET', path: new URL(String(input), location.href).pathname,
                    minSeq: (init.headers || {})['X-Chat-Min-Seq'] || null, seq: response.headers.get('X-Chat-Seq') });
                  return response;
                };
                """);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> requests(AppUser user) {
        return (List<Map<String, Object>>) user.browser.script("return window.recorded");
    }
}
