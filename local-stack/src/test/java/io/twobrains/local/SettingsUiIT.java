package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Provider keys in the settings page: stored, shown only as a hint, unlocking their models, removed. */
class SettingsUiIT {

    private static final String KEY = "sk-ui-test-0123456789abcdefWXYZ";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        stack = Stacks.shared();
    }

    @Test
    void aProviderKeyIsStoredShownOnlyAsAHintAndRemoved() {
        try (AppUser user = AppUser.signIn(stack, "ui-keys")) {
            assertThat(user.browser.find("#model-select option[value='gpt-4.1']").getAttribute("disabled")).isNotNull();
            user.browser.find("tb-sidebar a[href='/settings']").click();
            String row = "tb-settings li.key-row[data-provider=openai]";

            user.browser.find(row + " input[name=key]").sendKeys(KEY);
            user.browser.find(row + " button[type=submit]").click();

            String hint = user.browser.await("the key's hint", d -> user.browser.present(row + " .key-hint")
                    ? user.browser.text(row + " .key-hint") : null);
            assertThat(hint).startsWith("Stored key:").doesNotContain(KEY);
            assertThat(user.browser.driver.getPageSource()).doesNotContain(KEY);
            assertThat(user.browser.present(row + " input[name=key]")).isFalse();
            user.browser.find("tb-sidebar a.new-chat").click();
            user.browser.await("the own-key model usable", d -> user.browser.find("#model-select option[value='gpt-4.1']")
                    .getAttribute("disabled") == null);

            user.browser.find("tb-sidebar a[href='/settings']").click();
            user.browser.find(row + " button.danger").click();
            user.browser.driver.switchTo().alert().accept();

            user.browser.await("the key gone", d -> user.browser.present(row + " input[name=key]"));
            assertThat(user.browser.text(row)).contains("No key stored.");
            assertThat(user.browser.text("tb-settings .form-status")).isEqualTo("OpenAI key removed.");
        }
    }
}
