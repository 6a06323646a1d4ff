package io.lockopt.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.Test;

import com.sun.tools.attach.VirtualMachine;

import io.lockopt.cli.CliRun;
import io.lockopt.cli.ExitCodes;
import io.lockopt.cli.profile.workload.ReadMostlyService;

/** {@code lockopt profile --pid N --continuous}: the agent left always on in a running JVM. */
class ProfileContinuousTest {
    private final CliRun cli = new CliRun();

    @Test
    void leavesTheAgentAlwaysOnAndItsLocksBecomeMXBeans() throws Exception {
        Process target = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadMostlyService.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(target.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("READY");
            String pid = Long.toString(target.pid());

            assertThat(cli.run("profile", "--pid", pid, "--continuous")).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(cli.err()).contains("lockopt agent always on in pid " + pid);
            assertThat(new CliRun().run("profile", "--pid", pid, "--continuous")).isEqualTo(ExitCodes.USAGE);
            CliRun session = new CliRun();
            assertThat(session.run("profile", "--pid", pid, "--duration", "1s")).isEqualTo(ExitCodes.USAGE);
            assertThat(session.err()).contains("already being profiled");

            VirtualMachine vm = VirtualMachine.attach(pid);
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName cache = new ObjectName(
                        "io.lockopt:type=Lock,name=io.lockopt.cli.profile.workload.ReadMostlyService.cache");
                // Registered at the agent's next refresh (every 5 s): a generous deadline, not a timing.
                for (int i = 0; i < 300 && !server.isRegistered(cache); i++) {
                    Thread.sleep(100);
                }
                assertThat((Long) server.getAttribute(cache, "Acquisitions")).isPositive();
                assertThat(server.getAttribute(cache, "Kind")).isEqualTo("ReentrantLock");
            }
        } finally {
            target.destroyForcibly();
            target.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void continuousNeedsAPid() {
        assertThat(cli.run("profile", "--continuous", "--", "java", "-version")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err().strip()).isEqualTo("lockopt: --continuous needs --pid PID");
    }
}
