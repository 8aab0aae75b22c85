package io.twobrains.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.twobrains.contract.json.ChatJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartTest {

    @Test
    void throughputBarsAreAsLongAsTheirFiguresAreLarge() throws Exception {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 15);
        figures.putAll(Verdicts.write(figures));

        Document svg = parse(Chart.render(Results.result("write", figures)));
        Map<String, Double> measured = barWidths(svg, "throughputPerSecond");
        Map<String, Double> highest = barWidths(svg, "maxRatePerSecond");

        assertThat(measured).containsOnlyKeys(Verdicts.PROCESSOR, Verdicts.RELAY, Verdicts.HTTP, Verdicts.SERVICE_ON,
                Verdicts.SERVICE_OFF);
        assertThat(measured.get(Verdicts.PROCESSOR) / measured.get(Verdicts.RELAY)).isCloseTo(0.5, within(0.01));
        assertThat(highest.get(Verdicts.HTTP) / highest.get(Verdicts.SERVICE_ON)).isCloseTo(3.0, within(0.01));
        assertThat(measured.get(Verdicts.HTTP) / highest.get(Verdicts.HTTP)).isCloseTo(0.7, within(0.01));
    }

    @Test
    void latencyBarsUseALogScaleSoMillisecondsShowNextToSeconds() throws Exception {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 1000);

        Map<String, Double> p50 = barWidths(parse(Chart.render(Results.result("write", figures))), "p50Ms");

        // From the 0.1 ms floor to 1,000 ms is four decades: 1 ms is one of them, 10 ms two.
        assertThat(p50.get(Verdicts.SERVICE_OFF)).isGreaterThan(0);
        assertThat(p50.get(Verdicts.PROCESSOR) / p50.get(Verdicts.SERVICE_OFF)).isCloseTo(2.0, within(0.01));
    }

    @Test
    void chartIsWellFormedAndShowsRatiosAndTargetsWithTheirComparisonSigns() throws Exception {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 25);
        figures.putAll(Verdicts.write(figures));

        Document svg = parse(Chart.render(Results.result("write", figures)));

        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("processor / relay (highest rate) = 0.5", "met: HTTP append p50 <= 5 ms",
                "missed: HTTP append p99 <= 20 ms at 70% of its highest rate (measured 25.0)");
    }

    @Test
    void aRowMeasuredWhileTheMachineWasBusyElsewhereIsMarkedDisturbed() throws Exception {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 25);
        asMap(figures.get(Verdicts.HTTP)).put("outsideCores", 0.82);
        asMap(figures.get(Verdicts.RELAY)).put("outsideCores", 0.1);

        String text = parse(Chart.render(Results.result("write", figures))).getDocumentElement().getTextContent();

        assertThat(text).contains("disturbed: 0.82 cores used outside the run").doesNotContain("disturbed: 0.10");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object summary) {
        return (Map<String, Object>) summary;
    }

    @Test
    void cpuPerRequestIsDrawnForEveryRowThatHasIt() throws Exception {
        Map<String, Object> figures = Results.write(90_000, 180_000, 21_000, 7_000, 14_000, 4, 25, 3.0, 1.5);

        Map<String, Double> cpu = barWidths(parse(Chart.render(Results.result("write", figures))), "cpuMsPerRequest");

        assertThat(cpu).hasSize(5).containsOnlyKeys(Verdicts.PROCESSOR, Verdicts.RELAY, Verdicts.HTTP, Verdicts.SERVICE_ON,
                Verdicts.SERVICE_OFF);
        assertThat(cpu.get(Verdicts.HTTP) / cpu.get(Verdicts.SERVICE_ON)).isCloseTo(2.0, within(0.01));
    }

    @Test
    void readChartDrawsP99AgainstHistorySizeForBothDesigns() throws Exception {
        Map<String, Object> figures = Results.read(15_000, 10_000, 1.0, 1.2, 3.0);
        figures.putAll(Verdicts.read(figures));

        Document svg = parse(Chart.render(Results.result("read", figures)));

        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        String[] ours = ((Element) lines.item(0)).getAttribute("points").split(" ");
        assertThat(ours).hasSize(3);
        double firstY = Double.parseDouble(ours[0].split(",")[1]);
        double lastY = Double.parseDouble(ours[2].split(",")[1]);
        assertThat(lastY).as("a higher p99 is drawn higher up").isLessThan(firstY);
    }

    @Test
    void chartCommandRedrawsASavedResultFile(@TempDir Path dir) throws Exception {
        Map<String, Object> figures = Results.write(1, 2, 3, 4, 5, 6, 7);
        Path saved = dir.resolve("bench-result.json");
        Files.writeString(saved, ChatJson.MAPPER.writeValueAsString(Results.result("write", figures)));

        ChartCommand.run(new String[] {"chart", saved.toString(), "--out", dir.resolve("charts").toString()});

        Document svg = parse(Files.readString(dir.resolve("charts/bench-write.svg")));
        assertThat(barWidths(svg, "throughputPerSecond")).hasSize(5);
    }

    private static Map<String, Double> barWidths(Document svg, String series) {
        Map<String, Double> widths = new LinkedHashMap<>();
        NodeList rects = svg.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("data-series").equals(series)) {
                widths.put(rect.getAttribute("data-label"), Double.parseDouble(rect.getAttribute("width")));
            }
        }
        return new HashMap<>(widths);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
