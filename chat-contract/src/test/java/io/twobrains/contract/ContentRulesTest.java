package io.twobrains.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentRulesTest {

    @Test
    void titlesAndNamesAreOneLineOfText() {
        for (String text : List.of("nul\u0000inside", "two\nlines", "a\ttab", "bell\u0007", "c1 control\u0085")) {
            assertThat(ContentRules.titleFits(text)).as(text).hasValueSatisfying(v -> assertThat(v).contains("control"));
            assertThat(ContentRules.nameFits("name", text)).as(text).hasValueSatisfying(v -> assertThat(v).contains("control"));
        }
    }

    @Test
    void ordinaryTitlesAndNamesFitWhateverTheirScript() {
        for (String text : List.of("Plans for Tuesday", "Café – ideas", "日本語のタイトル", "emoji 🚀 ok", "x".repeat(80))) {
            assertThat(ContentRules.titleFits(text)).as(text).isEmpty();
            assertThat(ContentRules.nameFits("name", text)).as(text).isEmpty();
        }
        assertThat(ContentRules.titleFits("x".repeat(81))).isPresent();
        assertThat(ContentRules.nameFits("name", " ")).isPresent();
    }
}
