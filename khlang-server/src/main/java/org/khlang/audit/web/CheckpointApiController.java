package org.khlang.audit.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.audit.Checkpoint;
import org.khlang.audit.Checkpoints;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signed checkpoints of the audit chain for administrators and internal auditors: the list (each re-verified), the
 * public key, an export for an outside party to keep, and — for the administrator — a checkpoint now.
 */
@ApiController("/api/v1/audit/checkpoints")
class CheckpointApiController {

    private final Checkpoints checkpoints;

    CheckpointApiController(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GetMapping
    List<Map<String, Object>> list(@RequestParam(defaultValue = "100") int limit) {
        return checkpoints.list(Math.min(limit, 1000)).stream().map(this::view).toList();
    }

    @GetMapping(path = "/key", produces = MediaType.APPLICATION_JSON_VALUE)
    String key() {
        return checkpoints.publicKey()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "audit.checkpoint.unconfigured"));
    }

    /** Every checkpoint with the public key, one JSON document, for an outside party to keep. */
    @GetMapping("/export")
    ResponseEntity<Map<String, Object>> export() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", checkpoints.publicKey().orElse(null));
        body.put("checkpoints", checkpoints.list(10_000).stream().map(checkpoint -> Map.of("seq", checkpoint.sequence(),
                "hash", checkpoint.headHash(), "createdAt", checkpoint.createdAt().toString(), "jws", checkpoint.jws()))
                .toList());
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"khlang-checkpoints.json\"")
                .body(body);
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(granted -> "ROLE_SYSTEM_ADMIN".equals(granted.getAuthority()));
        if (!admin) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
        Checkpoint checkpoint = checkpoints.create()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "audit.checkpoint.unconfigured"));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(checkpoint));
    }

    private Map<String, Object> view(Checkpoint checkpoint) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", checkpoint.sequence());
        view.put("hash", checkpoint.headHash());
        view.put("createdAt", checkpoint.createdAt().toString());
        view.put("keyId", checkpoint.keyId());
        view.put("jws", checkpoint.jws());
        view.put("valid", checkpoints.verify(checkpoint));
        return view;
    }
}
