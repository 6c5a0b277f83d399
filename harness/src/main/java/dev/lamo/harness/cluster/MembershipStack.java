package dev.lamo.harness.cluster;

import dev.lamo.harness.eval.Timeouts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.JChannel;
import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.jgroups.util.TLSClientAuth;

/**
 * The JGroups stack under Infinispan, built from a {@link ClusterConfig}: TCP on the bind address (mutual TLS
 * when configured), the static member list (TCPPING, no multicast), failure detection by heartbeats, and AUTH with
 * the shared secret. Heartbeat failure detection runs over the same TLS connections, so no other port is open; its
 * times are {@link Timeouts#NODE_SUSPECT_AFTER} and {@link Timeouts#NODE_VERIFY}.
 */
final class MembershipStack {

    private MembershipStack() {
    }

    static JChannel channel(ClusterConfig config) throws Exception {
        TCP tcp = new TCP();
        tcp.setBindAddress(InetAddress.getByName(config.bind()));
        tcp.setBindPort(config.port());
        tcp.setPortRange(config.portRange());
        if (config.tls() != null) {
            ClusterConfig.Tls t = config.tls();
            tcp.tls().enabled(true).setClientAuth(TLSClientAuth.NEED)
                    .setKeystorePath(t.keyStore().toString()).setKeystorePassword(t.password()).setKeystoreType("PKCS12")
                    .setTruststorePath(t.trustStore().toString()).setTruststorePassword(t.password()).setTruststoreType("PKCS12");
        }
        List<PhysicalAddress> hosts = new ArrayList<>();
        for (ClusterConfig.Member m : config.members()) {
            hosts.add(new IpAddress(m.host(), m.port()));
        }
        TCPPING ping = new TCPPING();
        ping.setInitialHosts2(hosts);
        ping.setPortRange(config.portRange());
        // several discovery rounds within a join timeout: a node started right after a member left was seen to miss the
        // cluster's only answer and form a cluster of its own
        ping.setValue("num_discovery_runs", 5);
        // every member learns every other member's address from discovery, not only the coordinator's
        ping.setValue("return_entire_cache", true).setValue("send_cache_on_join", true);
        List<Protocol> stack = new ArrayList<>(List.of(tcp, ping,
                new MERGE3().setMinInterval(2000).setMaxInterval(6000),
                new FD_ALL3().setInterval(2000).setTimeout(Timeouts.NODE_SUSPECT_AFTER.toMillis()),
                new VERIFY_SUSPECT2().setTimeout(Timeouts.NODE_VERIFY.toMillis()),
                new NAKACK2(), new UNICAST3(), new STABLE()));
        if (config.secret() != null) {
            stack.add(new AUTH().setAuthToken(new SharedSecretToken(config.name(), config.secret())));
        }
        // no banner: standard output carries results
        // a first node waits one join timeout for others; a joiner retries a busy coordinator up to 20 times
        stack.add(new GMS().setJoinTimeout(5000).setMaxJoinAttempts(20).printLocalAddress(false));
        stack.add(new MFC());
        stack.add(new FRAG4());
        return new JChannel(stack);
    }
}
