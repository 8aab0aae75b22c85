import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.content.SealedMessageJson;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.view.MessageView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;

/**
 * CPU per seal and per open of one message, and per sealed message on a history page: the way pages
 * were opened first (decode, open, encode) and the way they are now (the stored JSON rewritten token
 * by token, {@link SealedMessageJson}). One thread's CPU time, round two of two. Run it from the root
 * of the checkout after {@code ./mvnw -B -ntp compile -pl chat-contract} (the command is in ADR 14).
 */
public class SealCost {
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ContentCipher cipher = new ContentCipher("alice", ContentCipher.newKey());
        for (int size : new int[] {200, 2000}) {
            List<Part> parts = List.of(new TextPart("x".repeat(size)));
            List<Part> sealed = SealedContent.seal(cipher, "c1", "m1", parts);
            byte[] stored = ChatJson.MAPPER.writeValueAsBytes(new MessageView("m1", Role.USER, sealed, Instant.EPOCH));
            int n = 200_000;
            for (int round = 0; round < 2; round++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) SealedContent.seal(cipher, "c1", "m1", parts);
                long t1 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) SealedContent.open(cipher, "c1", "m1", sealed);
                long t2 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    MessageView m = ChatJson.MAPPER.readValue(stored, MessageView.class);
                    ChatJson.MAPPER.writeValueAsBytes(SealedContent.open(cipher, "c1", m));
                }
                long t3 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) SealedMessageJson.open(cipher, "c1", stored);
                long t4 = mx.getCurrentThreadCpuTime();
                if (round == 1) {
                    System.out.printf("%d chars: seal %.2f us, open %.2f us, page item (decode+open+encode) %.2f us,"
                            + " page item (rewrite) %.2f us CPU%n", size, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n,
                            (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
                }
            }
        }
    }
}
