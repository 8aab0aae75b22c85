package io.twobrains.command.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.twobrains.command.egress.PinnedHttp;
import io.twobrains.command.mcp.McpProperties;
import io.twobrains.command.mcp.McpUrlPolicy;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.profile.McpTransport;
import io.twobrains.contract.view.ChatContextView;
import io.twobrains.testkit.TestMcpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools of a real MCP server, over both transports, through the pinned client. */
class McpToolsTest {

    /** Larger than WebClient's default buffer (256 KiB). */
    private static final int LARGE = 1024 * 1024;

    @Test
    void aToolResultLargerThanWebClientsDefaultBufferArrivesWhole() {
        PinnedHttp pinned = new PinnedHttp(new McpUrlPolicy(new McpProperties(List.of("localhost"))));
        for (TestMcpServer.Transport transport : TestMcpServer.Transport.values()) {
            try (TestMcpServer server = TestMcpServer.start(transport)) {
                McpTools.Toolbox box = new McpTools(null, pinned, Duration.ofSeconds(15)).open("alice", List.of(new ChatContextView.McpServer(
                        "big", "Big", server.url(), transport == TestMcpServer.Transport.SSE ? McpTransport.SSE
                                : McpTransport.HTTP, null))).block(Duration.ofSeconds(20));

                ModelOutput result = box.call(new ModelOutput.Call("c1", "repeat",
                        ChatJson.MAPPER.readTree("{\"text\":\"x\",\"times\":" + LARGE + "}"))).block(Duration.ofSeconds(30));
                box.close();

                assertThat(result).as(transport.name()).isInstanceOfSatisfying(ModelOutput.ToolResult.class,
                        whole -> assertThat(whole.output().asString()).hasSize(LARGE));
            }
        }
        pinned.destroy();
    }
}
