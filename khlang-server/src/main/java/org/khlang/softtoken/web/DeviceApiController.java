package org.khlang.softtoken.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.khlang.shared.web.ApiController;
import org.khlang.softtoken.internal.DeviceApi;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The device API of protocol v1 (docs/softtoken-protocol.md). Every call carries {@code Khlang-Device-Proof}, a
 * JWS over the method, URL, time and a unique id, signed by the device key; refusals are problem details.
 */
@ApiController("/api/v1/device")
class DeviceApiController {

    static final String PROOF = "Khlang-Device-Proof";

    private final DeviceApi devices;

    DeviceApiController(DeviceApi devices) {
        this.devices = devices;
    }

    record ActivationRequest(String code, String deviceName) {
    }

    record DecisionRequest(String signature) {
    }

    @PostMapping("/activations")
    ResponseEntity<Map<String, Object>> activate(@RequestHeader(value = PROOF, required = false) String proof,
                                                 @RequestBody ActivationRequest body, HttpServletRequest request) {
        Map<String, Object> answer = devices.activate(proof, url(request), body.code(), body.deviceName());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @GetMapping("/requests")
    Map<String, Object> requests(@RequestHeader(value = PROOF, required = false) String proof,
                                 HttpServletRequest request) {
        return Map.of("requests", devices.pending(proof, url(request)));
    }

    @PostMapping("/requests/{id}/decision")
    Map<String, Object> decide(@RequestHeader(value = PROOF, required = false) String proof, @PathVariable String id,
                               @RequestBody DecisionRequest body, HttpServletRequest request) {
        return devices.decide(proof, url(request), id, body.signature());
    }

    @GetMapping("/status")
    Map<String, Object> status(@RequestHeader(value = PROOF, required = false) String proof,
                               HttpServletRequest request) {
        return devices.status(proof, url(request));
    }

    /** The URL the device signed: scheme, host, port and path, without the query. */
    private static String url(HttpServletRequest request) {
        return request.getRequestURL().toString();
    }
}
