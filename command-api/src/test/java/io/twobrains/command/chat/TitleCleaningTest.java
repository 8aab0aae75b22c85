package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.contract.ContentRules;
import org.junit.jupiter.api.Test;

/** A model's title is cleaned into one that the content rules take. */
class TitleCleaningTest {

    @Test
    void quotesMarkdownAndControlCharactersGoAndTheRestStays() {
        assertThat(ConversationTitler.cleanTitle("\"Trip to Lisbon.\"")).isEqualTo("Trip to Lisbon");
        assertThat(ConversationTitler.cleanTitle("## Budget\nfor\t2027 ")).isEqualTo("Budget for 2027");
        assertThat(ConversationTitler.cleanTitle("nul\u0000and bell\u0007 and c1\u0085 inside")).isEqualTo("nul and bell and c1 inside");
    }

    @Test
    void aCleanedTitleAlwaysFitsTheContentRules() {
        for (String raw : new String[] {"x".repeat(200), "a\r\nb", "\u0000\u0001lead", "tail\u001f", "日本語 🚀"}) {
            String title = ConversationTitler.cleanTitle(raw);
            assertThat(ContentRules.titleFits(title)).as(raw).isEmpty();
        }
    }
}
