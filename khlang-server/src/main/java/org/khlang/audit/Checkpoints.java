package org.khlang.audit;

import java.util.List;
import java.util.Optional;

/** Signed checkpoints of the audit chain, for outside parties to keep (design.md section 7). */
public interface Checkpoints {

    /** Signs the chain's current head, unless it is already checkpointed; empty without a configured key. */
    Optional<Checkpoint> create();

    Optional<Checkpoint> latest();

    /** The newest first, at most {@code limit} (bounded). */
    List<Checkpoint> list(int limit);

    /** The public key (JWK JSON) that verifies the checkpoints; empty without a configured key. */
    Optional<String> publicKey();

    /** Whether the checkpoint's signature verifies and the chain still holds that hash at that sequence. */
    boolean verify(Checkpoint checkpoint);
}
