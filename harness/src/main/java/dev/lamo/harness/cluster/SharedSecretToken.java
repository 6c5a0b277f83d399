package dev.lamo.harness.cluster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;

/**
 * JGroups AUTH token: a joining node presents a digest of the cluster's shared secret, and the coordinator admits it
 * only if the digest matches its own. The digest travels inside mutual TLS, so only holders of a cluster
 * certificate ever see it; the secret itself never leaves the node. (JGroups 5 dropped its plain-text token.)
 */
public final class SharedSecretToken extends AuthToken {

    private byte[] digest = new byte[0];

    /** For JGroups, which reads a peer's token into a new instance. */
    public SharedSecretToken() {
    }

    SharedSecretToken(String clusterName, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("lamo-cluster/" + clusterName + "/").getBytes(StandardCharsets.UTF_8));
            digest = sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getName() {
        return getClass().getName();
    }

    @Override
    public int size() {
        return Integer.BYTES + digest.length;
    }

    @Override
    public boolean authenticate(AuthToken token, Message msg) {
        return token instanceof SharedSecretToken other && digest.length > 0 && MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(digest.length);
        out.write(digest);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64) {
            throw new IOException("bad token length " + n);
        }
        digest = new byte[n];
        in.readFully(digest);
    }
}
