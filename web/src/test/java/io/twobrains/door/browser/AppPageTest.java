package io.twobrains.door.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page as built: its import map names every library's version, and the policy allows exactly that map. */
class AppPageTest {

    @Test
    void theImportMapIsFilledInByTheBuildAndAllowedByItsHashAlone() throws Exception {
        AppPage page = AppPage.load();
        String html = new String(page.html(), StandardCharsets.UTF_8);
        var map = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html);

        assertThat(map.find()).isTrue();
        assertThat(html).doesNotContain("${lit.version}", "${lit-reactive-element.version}").contains("/webjars/lit/3.");
        String expected = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.importMapHash()).isEqualTo(expected);
        String policy = ContentSecurityPolicy.forApp(page.importMapHash());
        assertThat(policy).contains("script-src 'self' '" + expected + "'").doesNotContain("unsafe-inline", "unsafe-eval");
    }
}
