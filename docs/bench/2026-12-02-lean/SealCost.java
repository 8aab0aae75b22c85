import io.twobrains.contract.content.ContentCipher;
import io.twobrains.contract.content.SealedContent;
import io.twobrains.contract.json.ChatJson;
import io.twobrains.contract.message.Part;
import io.twobrains.contract.message.Role;
import io.twobrains.contract.message.TextPart;
import io.twobrains.contract.view.MessageView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;

/** CPU per seal and per open of one message, and per sealed message on a page (decode, open, encode). */
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
                if (round == 1) {
                    System.out.printf("%d chars: seal %.2f us, open %.2f us, page item (decode+open+encode) %.2f us CPU%n",
                            size, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n);
                }
            }
        }
    }
}
