package io.twobrains.bench;

import java.util.List;
import java.util.Locale;

/** Just enough SVG to draw bars, lines and text, written by hand so the bench needs no chart library. */
final class Svg {

    private final StringBuilder body = new StringBuilder();
    private final int width;

    Svg(int width) {
        this.width = width;
    }

    Svg text(double x, double y, String text, String anchor, int size, String fill, boolean bold) {
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\"%s>%s</text>%n",
                x, y, anchor, size, fill, bold ? " font-weight=\"bold\"" : "", escape(text)));
        return this;
    }

    /** A bar that carries what it shows, so a reader (or a test) can check it against the figures. */
    Svg bar(double x, double y, double w, double h, String fill, String series, String label, double value) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\" data-series=\"%s\" "
                        + "data-label=\"%s\" data-value=\"%s\"><title>%s: %s</title></rect>%n",
                x, y, w, h, fill, escape(series), escape(label), value, escape(label), value));
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n",
                x1, y1, x2, y2, stroke));
        return this;
    }

    Svg polyline(List<double[]> points, String stroke, String series) {
        StringBuilder coordinates = new StringBuilder();
        points.forEach(p -> coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1])));
        body.append(String.format(Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" data-series=\"%s\"/>%n",
                coordinates.toString().trim(), stroke, escape(series)));
        points.forEach(p -> body.append(String.format(Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", p[0], p[1], stroke)));
        return this;
    }

    String render(int height) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height) + body + "</svg>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
