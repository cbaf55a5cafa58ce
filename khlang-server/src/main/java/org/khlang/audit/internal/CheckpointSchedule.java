package org.khlang.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code khlang.audit.checkpoint-interval}: a signed checkpoint of the head if it moved, then the export file
 * caught up with every checkpoint the database holds (R14). Several nodes may run it; the sequence number is the key,
 * and each node's export file receives the checkpoints the others signed too.
 */
@Component
class CheckpointSchedule {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final SignedCheckpoints checkpoints;
    private final CheckpointExportFile exportFile;

    CheckpointSchedule(SignedCheckpoints checkpoints, CheckpointExportFile exportFile) {
        this.checkpoints = checkpoints;
        this.exportFile = exportFile;
    }

    @Scheduled(fixedDelayString = "${khlang.audit.checkpoint-interval:PT1H}",
            initialDelayString = "${khlang.audit.checkpoint-initial-delay:PT2M}")
    void run() {
        if (!checkpoints.configured()) {
            log.warn("No audit checkpoint key is configured (khlang.audit.checkpoint-key): no checkpoint made");
            return;
        }
        try {
            checkpoints.create();
        } catch (DuplicateKeyException anotherNode) {
            // another node signed this head first
        }
        if (exportFile.configured()) {
            exportFile.append(checkpoints.list(10_000));
        }
    }
}
