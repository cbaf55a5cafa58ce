package org.khlang.softtoken.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.khlang.authority.Agencies;
import org.khlang.proofing.ProofingLogin;
import org.khlang.proofing.Proofings;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.ActivationCode;
import org.khlang.softtoken.RegistrationWindow;
import org.khlang.softtoken.RegistrationWindows;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Registering the Soft Token (DESIGN.md 4.1): within the window (R16), prove identity at the provider (R7), then
 * take a one-time activation code to the authenticator. Shown once; never cached.
 */
@Controller
@RequestMapping("/softtoken")
class EnrolmentController {

    private final SoftTokens softTokens;
    private final Proofings proofings;
    private final ProofingLogin proofing;
    private final RegistrationWindows windows;
    private final Agencies agencies;
    private final FormErrors errors;

    EnrolmentController(SoftTokens softTokens, Proofings proofings, ProofingLogin proofing,
                        RegistrationWindows windows, Agencies agencies, FormErrors errors) {
        this.softTokens = softTokens;
        this.proofings = proofings;
        this.proofing = proofing;
        this.windows = windows;
        this.agencies = agencies;
        this.errors = errors;
    }

    @GetMapping
    String page(Actor actor, HttpSession session, Model model) {
        Object outcome = session.getAttribute(ProofingLogin.OUTCOME_ATTRIBUTE);
        session.removeAttribute(ProofingLogin.OUTCOME_ATTRIBUTE);
        model.addAttribute("proofingOutcome", outcome);
        return view(actor, model);
    }

    @PostMapping("/activation")
    String activation(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            ActivationCode code = softTokens.issueActivationCode(actor.accountId(), actor);
            response.setHeader("Cache-Control", "no-store");
            String link = baseUrl(request) + "/authenticator/#code=" + code.code();
            model.addAttribute("activation", code);
            model.addAttribute("activationLink", link);
            model.addAttribute("qr", qrDataUri(link));
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
        }
        return view(actor, model);
    }

    private String view(Actor actor, Model model) {
        Long agencyId = agencyOf();
        RegistrationWindow window = windows.forAgency(agencyId);
        model.addAttribute("device", softTokens.activeDevice(actor.accountId()).orElse(null));
        model.addAttribute("window", window);
        model.addAttribute("office", window.registrarOfficeId() == null ? null
                : agencies.registrarOffice(window.registrarOfficeId()).orElse(null));
        model.addAttribute("proofed", proofings.usableFor(actor.accountId()).orElse(null));
        model.addAttribute("proofingAvailable", proofing.available());
        return "softtoken/enrol";
    }

    private static Long agencyOf() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal
                ? principal.agencyId() : null;
    }

    private static String baseUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }

    /** The activation link as a QR code, drawn as SVG so the page needs no image request. */
    static String qrDataUri(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ")
                    .append(matrix.getWidth()).append(' ').append(matrix.getHeight())
                    .append("' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path d='");
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            svg.append("' fill='#000'/></svg>");
            return "data:image/svg+xml;base64,"
                    + Base64.getEncoder().encodeToString(svg.toString().getBytes(StandardCharsets.UTF_8));
        } catch (WriterException exception) {
            throw new IllegalStateException("cannot draw the QR code", exception);
        }
    }
}
