package io.twobrains.local;

import java.net.URI;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A person using the app in a real browser: signs in through the provider's login page, writes,
 * reads replies, clicks. The browser tests read as what that person does and sees.
 */
final class AppUser implements AutoCloseable {

    final Browser browser;
    /** The user id the app shows for the signed-in user (the token's subject). */
    final String name;
    private final URI door;

    private AppUser(Browser browser, String name, URI door) {
        this.browser = browser;
        this.name = name;
        this.door = door;
    }

    /** Opens the app, is sent to the provider's login page, signs in there with the name and password, and is back in the app. */
    static AppUser signIn(LocalStack stack, String name) {
        return signIn(stack.doorUrl(), name, Stacks.DEMO_PASSWORD, name);
    }

    /**
     * The same at any door and provider whose login page has the usual {@code #username} and {@code #password}
     * fields (the dev provider's, Keycloak's); {@code userId} is the subject the provider gives the user.
     */
    static AppUser signIn(URI door, String username, String password, String userId) {
        Browser browser = Browser.open();
        try {
            browser.go(door + "/");
            browser.find("#username").sendKeys(username);
            browser.find("#password").sendKeys(password);
            browser.find("#password").sendKeys(Keys.ENTER);
            AppUser user = new AppUser(browser, userId, door);
            browser.await("the app, signed in as " + userId, d -> user.signedInAs());
            return user;
        } catch (RuntimeException | Error e) {
            browser.close();
            throw e;
        }
    }

    boolean signedInAs() {
        return browser.present("tb-sidebar .who") && name.equals(browser.all("tb-sidebar .who").get(0).getText());
    }

    void open(String path) {
        browser.go(door + path);
        browser.await("the app at " + path, d -> browser.present("tb-sidebar .who"));
    }

    void chooseModel(String id) {
        new Select(browser.find("#model-select")).selectByValue(id);
        browser.await("the model " + id + " saved", d -> id.equals(browser.script(
                "return document.querySelector('#model-select').value")));
    }

    /**
     * Writes the message into the composer (as typing would, but at once), presses Enter, and waits until the
     * app took it: the message shows as the user's, or a notice says why not. As a person would, it first
     * waits until the composer offers to send (no reply of this conversation still streaming into it).
     */
    void send(String text) {
        long begin = System.nanoTime();
        browser.await("the composer ready to send (Send, not Stop)", d -> browser.present("tb-composer button.send:not([disabled])"));
        long waitedMs = (System.nanoTime() - begin) / 1_000_000;
        if (waitedMs > 1_000) {
            System.err.printf("AppUser.send: the composer was busy for %d ms before %s could send%n", waitedMs, name);
        }
        int mine = browser.all("tb-chat article.message.user").size();
        WebElement input = browser.find("#composer-input");
        // Focused here, not only by the driver's own focusing. Twice, in CI, a message was not taken (no message,
        // no notice): the likely cause, since fixed, was a composer still marked as streaming after the reply's
        // finish chunk, until its stream closed; it dropped the Enter without a word (now it says why).
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input')); arguments[0].focus();",
                input, text);
        input.sendKeys(Keys.ENTER);
        if (!browser.within(java.time.Duration.ofSeconds(10), d -> taken(mine))) {
            // Still in the composer: say so in the log with the page (and the composer's reason, if it gave one),
            // and press Enter again, as a person would.
            System.err.printf("AppUser.send: Enter was not taken within 10 s; pressing it again. The page: %s%n",
                    browser.describe());
            input.sendKeys(Keys.ENTER);
        }
        browser.await("the message taken (shown as mine, or refused with a notice)", d -> taken(mine));
    }

    private boolean taken(int mineBefore) {
        return browser.all("tb-chat article.message.user").size() > mineBefore || browser.present("tb-chat tb-notice");
    }

    /** The open conversation's id, from the address bar. */
    String conversationId() {
        return browser.await("a conversation's address", d -> {
            String path = URI.create(d.getCurrentUrl()).getPath();
            return path.startsWith("/c/") ? path.substring(3) : null;
        });
    }

    /** Waits until a reply is streaming and has shown at least this text. */
    void awaitReplyShowing(String text) {
        browser.await("a streaming reply showing " + text, d -> {
            List<WebElement> live = browser.all("tb-message.live article[aria-busy=true] .markdown");
            return !live.isEmpty() && live.get(0).getText().contains(text);
        });
    }

    /** Waits until no reply streams and the last message is a reply; returns its text as shown. */
    String awaitReply() {
        return browser.await("a finished reply", d -> {
            if (browser.present("article[aria-busy=true]")) {
                return null;
            }
            List<WebElement> messages = browser.all("tb-chat article.message");
            if (messages.isEmpty() || !messages.get(messages.size() - 1).getAttribute("class").contains("assistant")) {
                return null;
            }
            return lastReplyText();
        });
    }

    String lastReplyText() {
        List<WebElement> replies = browser.all("tb-chat article.assistant");
        if (replies.isEmpty()) {
            return null;
        }
        WebElement last = replies.get(replies.size() - 1);
        return last.findElements(org.openqa.selenium.By.cssSelector(".markdown")).stream()
                .map(WebElement::getText).reduce("", String::concat);
    }

    int replies() {
        return browser.all("tb-chat article.assistant").size();
    }

    @Override
    public void close() {
        browser.close();
    }
}
