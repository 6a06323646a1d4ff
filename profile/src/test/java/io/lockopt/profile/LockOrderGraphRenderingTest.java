package io.lockopt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.web.WebView;
import javafx.stage.Stage;

/**
 * The HTML report's lock-order graph of 30 locks ({@link LockOrderLayoutTest}'s: five layers,
 * one cycle, long labels) rendered by a browser engine, WebKit in JavaFX's {@link WebView}, on
 * Monocle's headless screen in this JVM, and checked on what it drew: the label boxes as WebKit
 * laid them out with its own font (not the layout's estimate of a character's width) do not
 * overlap, each label has ink in the screenshot, the cycle's edges are red in the pixels and the
 * others grey, and the CSS-only checkbox hides the locks in no cycle. The screenshot is kept as
 * {@code target/lock-order-graph.png}.
 */
class LockOrderGraphRenderingTest {
    private static final long GENEROUS_SECONDS = 120;
    /** Pulses (frames) to let WebKit paint after a change before a snapshot. */
    private static final int PULSES = 6;
    private static final String MEASURE = """
            (function () {
              var graph = document.querySelector('.graph svg');
              var origin = graph.getBoundingClientRect();
              var labels = [];
              graph.querySelectorAll('g').forEach(function (g) {
                var text = g.querySelector('text');
                var box = text.getBoundingClientRect();
                labels.push({text: text.textContent, inCycle: g.getAttribute('class') !== 'u',
                    x: box.left, y: box.top, w: box.width, h: box.height});
              });
              var edges = [];
              graph.querySelectorAll('path[marker-end]').forEach(function (path) {
                var length = path.getTotalLength();
                var points = [];
                for (var i = 1; i < 10; i++) {
                  var at = path.getPointAtLength(length * i / 10);
                  points.push([at.x + origin.left, at.y + origin.top]);
                }
                edges.push({red: path.getAttribute('stroke') === '#c0392b', points: points});
              });
              return JSON.stringify({labels: labels, edges: edges});
            })()""";

    private static int width;
    private static int height;

    @BeforeAll
    static void startHeadlessJavaFx() throws Exception {
        LockOrderLayout layout = LockOrderLayout.of(LockOrderLayoutTest.report().lockOrder());
        width = (int) layout.width() + 40;
        height = (int) layout.height() + LockOrderLayout.MARGIN + 60;
        // Before the toolkit starts: Monocle's headless screen, big enough for the graph, and
        // the software renderer (no GPU, no display).
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", (width + 100) + "x" + (height + 100) + "-32");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        assertThat(started.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).as("JavaFX started").isTrue();
    }

    @Test
    void webKitDrawsThirtyLabelsApartTheCycleRedAndHidesTheRest() throws Exception {
        ProfileReport report = LockOrderLayoutTest.report();
        StringWriter html = new StringWriter();
        ReportHtml.write(html, report);
        Set<String> cycleEdges = new HashSet<>();
        Set<Integer> cycleLocks = new HashSet<>();
        for (ProfileReport.Cycle cycle : report.lockOrder().cycles()) {
            for (ProfileReport.Edge edge : cycle.edges()) {
                cycleEdges.add(edge.fromId() + ">" + edge.toId());
                cycleLocks.add(edge.fromId());
                cycleLocks.add(edge.toId());
            }
        }

        WebView view = onFx(() -> {
            WebView web = new WebView();
            Stage stage = new Stage();
            stage.setScene(new Scene(web, width, height));
            stage.show();
            return web;
        });
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        onFx(() -> {
            view.getEngine().getLoadWorker().stateProperty().addListener((value, was, now) -> {
                if (now == Worker.State.SUCCEEDED) {
                    loaded.complete(null);
                } else if (now == Worker.State.FAILED) {
                    loaded.completeExceptionally(view.getEngine().getLoadWorker().getException());
                }
            });
            view.getEngine().loadContent(html.toString());
            return null;
        });
        loaded.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
        onFx(() -> view.getEngine().executeScript("document.querySelector('.graph').scrollIntoView(true)"));
        awaitPulses();
        JsonNode drawn = new ObjectMapper().readTree((String) onFx(() -> view.getEngine().executeScript(MEASURE)));
        WritableImage shot = onFx(() -> view.snapshot(null, null));
        save(shot, Path.of("target", "lock-order-graph.png"));
        PixelReader pixels = shot.getPixelReader();

        List<JsonNode> labels = new ArrayList<>();
        drawn.get("labels").forEach(labels::add);
        assertThat(labels).hasSize(30);
        for (int i = 0; i < labels.size(); i++) {
            JsonNode a = labels.get(i);
            assertThat(a.get("w").asDouble()).as("width of " + a.get("text")).isGreaterThan(100);
            assertThat(inside(a, width, height)).as(a.get("text") + " within the view").isTrue();
            assertThat(inkIn(pixels, a)).as("ink of " + a.get("text").asText()).isGreaterThan(50);
            for (int j = i + 1; j < labels.size(); j++) {
                JsonNode b = labels.get(j);
                assertThat(overlap(a, b)).as(a.get("text").asText() + " and " + b.get("text").asText()).isFalse();
            }
        }

        int red = 0;
        int grey = 0;
        for (JsonNode edge : drawn.get("edges")) {
            int redPoints = 0;
            int greyPoints = 0;
            for (JsonNode point : edge.get("points")) {
                redPoints += near(pixels, point, LockOrderGraphRenderingTest::isRed) ? 1 : 0;
                greyPoints += near(pixels, point, LockOrderGraphRenderingTest::isGrey) ? 1 : 0;
            }
            if (edge.get("red").asBoolean()) {
                red++;
                assertThat(redPoints).as("red points on a cycle edge, of 9: " + edge).isGreaterThanOrEqualTo(7);
            } else {
                grey++;
                // Its first or last stretch may run along a red edge leaving or entering the same lock.
                assertThat(redPoints).as("red points on an edge in no cycle, of 9: " + edge).isLessThanOrEqualTo(4);
                assertThat(greyPoints).as("grey points on an edge in no cycle, of 9: " + edge).isGreaterThanOrEqualTo(5);
            }
        }
        assertThat(red).as("edges in a cycle").isEqualTo(cycleEdges.size()).isPositive();
        assertThat(red + grey).isEqualTo(report.lockOrder().edges().size());

        // The checkbox (CSS only): the locks in no cycle are gone from the picture, the cycle's stay.
        onFx(() -> view.getEngine().executeScript("document.getElementById('only-cycles').click()"));
        awaitPulses();
        PixelReader onlyCycles = onFx(() -> view.snapshot(null, null)).getPixelReader();
        assertThat(labels).allSatisfy(label -> {
            if (label.get("inCycle").asBoolean()) {
                assertThat(inkIn(onlyCycles, label)).as("ink of " + label.get("text")).isGreaterThan(50);
            } else {
                assertThat(inkIn(onlyCycles, label)).as("ink of hidden " + label.get("text")).isZero();
            }
        });
        assertThat(labels).filteredOn(label -> label.get("inCycle").asBoolean()).hasSize(cycleLocks.size());
    }

    private static boolean inside(JsonNode box, int width, int height) {
        return box.get("x").asDouble() >= 0 && box.get("y").asDouble() >= 0
                && box.get("x").asDouble() + box.get("w").asDouble() <= width
                && box.get("y").asDouble() + box.get("h").asDouble() <= height;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.get("x").asDouble() < b.get("x").asDouble() + b.get("w").asDouble()
                && b.get("x").asDouble() < a.get("x").asDouble() + a.get("w").asDouble()
                && a.get("y").asDouble() < b.get("y").asDouble() + b.get("h").asDouble()
                && b.get("y").asDouble() < a.get("y").asDouble() + a.get("h").asDouble();
    }

    /** Dark pixels (text is drawn black) inside a label's box. */
    private static int inkIn(PixelReader pixels, JsonNode box) {
        int dark = 0;
        int x0 = (int) Math.floor(box.get("x").asDouble());
        int y0 = (int) Math.floor(box.get("y").asDouble());
        int x1 = (int) Math.ceil(box.get("x").asDouble() + box.get("w").asDouble());
        int y1 = (int) Math.ceil(box.get("y").asDouble() + box.get("h").asDouble());
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int argb = pixels.getArgb(x, y);
                if (red(argb) < 90 && green(argb) < 90 && blue(argb) < 90) {
                    dark++;
                }
            }
        }
        return dark;
    }

    private interface Colour {
        boolean test(int argb);
    }

    /** Whether a pixel within 2 px of the point has the colour (a 1 px line is antialiased). */
    private static boolean near(PixelReader pixels, JsonNode point, Colour colour) {
        int cx = (int) Math.round(point.get(0).asDouble());
        int cy = (int) Math.round(point.get(1).asDouble());
        for (int y = cy - 2; y <= cy + 2; y++) {
            for (int x = cx - 2; x <= cx + 2; x++) {
                if (x >= 0 && y >= 0 && x < width && y < height && colour.test(pixels.getArgb(x, y))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cycle's #c0392b, antialiased against white. */
    private static boolean isRed(int argb) {
        return red(argb) > 150 && green(argb) < 140 && blue(argb) < 140 && red(argb) - green(argb) > 60;
    }

    /** The other edges' #888, antialiased against white. */
    private static boolean isGrey(int argb) {
        return red(argb) < 225 && Math.abs(red(argb) - green(argb)) < 20 && Math.abs(green(argb) - blue(argb)) < 20;
    }

    private static int red(int argb) {
        return (argb >> 16) & 0xff;
    }

    private static int green(int argb) {
        return (argb >> 8) & 0xff;
    }

    private static int blue(int argb) {
        return argb & 0xff;
    }

    private static void save(WritableImage shot, Path file) throws Exception {
        int w = (int) shot.getWidth();
        int h = (int) shot.getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = shot.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** Lets the FX thread run {@link #PULSES} frames, so WebKit has painted what changed. */
    private static void awaitPulses() throws Exception {
        CountDownLatch frames = new CountDownLatch(PULSES);
        onFx(() -> {
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.countDown();
                    if (frames.getCount() == 0) {
                        stop();
                    }
                }
            }.start();
            return null;
        });
        assertThat(frames.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).as("frames drawn").isTrue();
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
    }
}
