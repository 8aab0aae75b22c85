package io.twobrains.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * The usage and admin pages with their charts, the admin page refused to others in words, and a
 * screenshot of every page in both themes at desktop and phone width (build artifacts under
 * {@code target/screenshots/}).
 */
class PagesUiIT {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        stack = Stacks.shared();
    }

    @Test
    void usageAndAdminPagesDrawTheirChartsForAnAdmin() {
        try (AppUser admin = AppUser.signIn(stack, "admin")) {
            admin.send("What does the admin page show?");
            admin.awaitReply();

            admin.browser.find("tb-sidebar a[href='/usage']").click();
            admin.browser.find("#usage-chart canvas");
            assertThat(admin.browser.all("tb-usage .meter")).hasSize(2);
            assertThat(admin.browser.text("tb-usage .meter-label")).contains("free messages");

            admin.browser.find("tb-sidebar a[href='/admin']").click();
            admin.browser.find("#admin-messages canvas");
            admin.browser.find("#admin-tokens canvas");
            assertThat(admin.browser.text("tb-admin .kpis")).contains("Active users", "Messages");
            assertThat(admin.browser.find("#from").getAttribute("value")).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(29).toString());
            assertThat(admin.browser.text("tb-admin")).contains("admin");
        }
    }

    @Test
    void theAdminPageIsRefusedInWordsToSomeoneWhoIsNotAnAdmin() {
        try (AppUser user = AppUser.signIn(stack, "ui-pages")) {
            assertThat(user.browser.present("tb-sidebar a[href='/admin']")).isFalse();

            user.open("/admin");

            assertThat(user.browser.text("tb-admin [role=alert]")).contains("This page is for administrators", "ui-pages");
            assertThat(user.browser.present("tb-admin .kpis")).isFalse();
        }
    }

    @Test
    void everyPageIsPhotographedInBothThemesAtDesktopAndPhoneWidth() {
        try (AppUser admin = AppUser.signIn(stack, "admin")) {
            admin.chooseModel("gpt-4o-mini");
            admin.send("A table and some code, please:\n\n| model | messages |\n|---|---|\n| demo | 3 |\n\n```java\nrecord Hello(String name) {}\n```");
            admin.awaitReply();
            String chat = "/c/" + admin.conversationId();
            for (String page : List.of("chat", "settings", "usage", "admin")) {
                admin.open(page.equals("chat") ? chat : "/" + page);
                admin.browser.find(switch (page) {
                    case "chat" -> "tb-chat article.assistant pre code.hljs";
                    case "settings" -> "tb-settings .key-row";
                    case "usage" -> "#usage-chart canvas";
                    default -> "#admin-messages canvas";
                });
                for (String theme : List.of("light", "dark")) {
                    admin.browser.script("document.documentElement.dataset.theme = arguments[0]", theme);
                    shoot(admin, page, theme, "desktop", Browser.DESKTOP);
                    shoot(admin, page, theme, "phone", Browser.PHONE);
                }
            }
            admin.browser.size(Browser.DESKTOP);
        }
        assertThat(SCREENSHOTS.resolve("chat-light-desktop.png")).exists();
        assertThat(SCREENSHOTS.resolve("admin-dark-phone.png")).exists();
    }

    private static void shoot(AppUser user, String page, String theme, String width, Dimension size) {
        user.browser.size(size);
        user.browser.await("the layout at " + width + " width", d -> Boolean.TRUE.equals(user.browser.script(
                "return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")));
        user.browser.screenshot(SCREENSHOTS.resolve(page + "-" + theme + "-" + width + ".png"));
    }
}
