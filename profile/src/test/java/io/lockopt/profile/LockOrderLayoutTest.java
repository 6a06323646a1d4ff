package io.lockopt.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lockopt.agent.client.JavaProcess;
import io.lockopt.agent.wire.LockKind;
import io.lockopt.agent.wire.LockMode;
import io.lockopt.agent.wire.Snapshot;

/**
 * The lock-order graph of 30 locks with long labels and one cycle: layered in lock order, no two
 * labels overlapping, the cycle's edges red and drawn back, the other locks hideable.
 */
class LockOrderLayoutTest {
    private static final int LOCKS = 30;
    private static final int PER_LAYER = 6;

    /** 5 layers of 6 locks, each taken before two of the next layer's; lock 25 (last layer) before lock 1: a cycle. */
    private static List<Snapshot.EdgeStats> edges() {
        List<Snapshot.EdgeStats> edges = new ArrayList<>();
        for (int id = 0; id < LOCKS - PER_LAYER; id++) {
            int next = (id / PER_LAYER + 1) * PER_LAYER;
            edges.add(new Snapshot.EdgeStats(id, next + id % PER_LAYER, 3, -1, "t"));
            edges.add(new Snapshot.EdgeStats(id, next + (id + 1) % PER_LAYER, 1, -1, "t"));
        }
        edges.add(new Snapshot.EdgeStats(25, 1, 2, -1, "t"));
        return edges;
    }

    static ProfileReport report() {
        List<Snapshot.LockStats> locks = new ArrayList<>();
        for (int id = 0; id < LOCKS; id++) {
            String label = "com.acme.platform.subsystem.component" + id + ".ServiceRegistry.lock";
            locks.add(new Snapshot.LockStats(id, -1, LockKind.REENTRANT_LOCK, LockMode.EXCLUSIVE,
                    "java.util.concurrent.locks.ReentrantLock", id, label, "field", 10, 0, 0, 0, 0, 0, 10, 0, null, null,
                    List.of(), List.of(), List.of()));
        }
        return ProfileReportBuilder.build(new JavaProcess(1, "Main", "17", 17),
                ProfileReportBuilderTest.snapshot(List.of(), locks, edges()));
    }

    @Test
    void thirtyLocksAreLayeredInLockOrderWithNoLabelsOverlapping() {
        ProfileReport report = report();
        assertThat(report.lockOrder().cycles()).isNotEmpty();
        LockOrderLayout layout = LockOrderLayout.of(report.lockOrder());
        Map<Integer, LockOrderLayout.Place> places = layout.places();
        assertThat(places).hasSize(LOCKS);

        List<ProfileReport.Edge> back = new ArrayList<>();
        for (ProfileReport.Edge edge : report.lockOrder().edges()) {
            if (layout.drawnBack(edge)) {
                back.add(edge);
            } else {
                assertThat(places.get(edge.toId()).layer()).as(edge.from() + " -> " + edge.to())
                        .isGreaterThan(places.get(edge.fromId()).layer());
            }
        }
        // One edge closes the cycle; it is one of the cycle's edges.
        assertThat(back).singleElement().satisfies(edge -> assertThat(report.lockOrder().cycles().get(0).edges())
                .extracting(ProfileReport.Edge::fromId, ProfileReport.Edge::toId)
                .contains(org.assertj.core.groups.Tuple.tuple(edge.fromId(), edge.toId())));
        assertThat(places.values().stream().mapToInt(LockOrderLayout.Place::layer).max().getAsInt()).isLessThan(LOCKS / 3);

        List<LockOrderLayout.Place> all = new ArrayList<>(places.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                LockOrderLayout.Place a = all.get(i);
                LockOrderLayout.Place b = all.get(j);
                boolean apartAcross = a.labelEnd() < b.x() - 7 || b.labelEnd() < a.x() - 7;
                boolean apartDown = Math.abs(a.y() - b.y()) >= 2 * 12;
                assertThat(apartAcross || apartDown).as(a.label() + " and " + b.label() + " overlap").isTrue();
            }
        }
        assertThat(layout.width()).isLessThan(LOCKS * LockOrderLayout.COLUMN_WIDTH / 4);
    }

    @Test
    void theHtmlGraphDrawsEveryLockOnceWithTheCycleRedAndTheRestHideable() throws Exception {
        StringWriter html = new StringWriter();
        ReportHtml.write(html, report());
        String page = html.toString();
        String svg = page.substring(page.indexOf("<div class=\"graph\">"), page.indexOf("</svg></div>"));

        Matcher circles = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        List<double[]> centres = new ArrayList<>();
        while (circles.find()) {
            centres.add(new double[] {Double.parseDouble(circles.group(1)), Double.parseDouble(circles.group(2))});
        }
        assertThat(centres).hasSize(LOCKS);
        assertThat(centres.stream().map(c -> c[0] + "," + c[1]).distinct()).hasSize(LOCKS);
        // The cycle 1 -> 7 -> ... -> 25 -> 1: its edges red, its locks red; the others marked hideable.
        assertThat(svg).contains("stroke=\"#c0392b\"").contains("fill=\"#c0392b\"").contains(" class=\"u\"");
        assertThat(page).contains("<input type=\"checkbox\" id=\"only-cycles\">")
                .contains("#only-cycles:checked~.graph .u{display:none}");
        assertThat(svg).contains(">…tform.subsystem.component1.ServiceRegistry.lock</text>").doesNotContain("<text x=\"NaN");
    }
}
