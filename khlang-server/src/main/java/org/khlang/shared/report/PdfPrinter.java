package org.khlang.shared.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Prints an HTML page to PDF with headless Chromium, whose text shaping places Thai vowels and tone marks correctly
 * (Java PDF libraries misplace them). The page must be self-contained: Chromium runs with networking disabled, in a
 * throw-away profile, at most {@code khlang.reports.pdf-concurrency} at a time, and is killed after the timeout.
 */
@Component
public class PdfPrinter {

    private static final Logger log = LoggerFactory.getLogger(PdfPrinter.class);

    private final Path chromium;
    private final long timeoutSeconds;
    private final Semaphore slots;

    PdfPrinter(@Value("${khlang.reports.chromium:/usr/bin/chromium}") Path chromium,
               @Value("${khlang.reports.pdf-timeout-seconds:60}") long timeoutSeconds,
               @Value("${khlang.reports.pdf-concurrency:2}") int concurrency) {
        this.chromium = chromium;
        this.timeoutSeconds = timeoutSeconds;
        this.slots = new Semaphore(Math.max(1, concurrency), true);
    }

    public byte[] print(String html) {
        if (!Files.isExecutable(chromium)) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "report.pdf.unavailable");
        }
        boolean acquired = false;
        Path work = null;
        try {
            acquired = slots.tryAcquire(timeoutSeconds, TimeUnit.SECONDS);
            if (!acquired) {
                throw new KhlangProblem(ProblemKind.TOO_MANY_REQUESTS, "report.pdf.busy");
            }
            work = Files.createTempDirectory("khlang-pdf");
            Path page = work.resolve("report.html");
            Path pdf = work.resolve("report.pdf");
            Files.writeString(page, withFonts(html, work), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-extensions", "--no-pdf-header-footer",
                    "--user-data-dir=" + work.resolve("profile"), "--print-to-pdf=" + pdf, page.toUri().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("chromium.log").toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new KhlangProblem(ProblemKind.CONFLICT, "report.pdf.failed");
            }
            if (!Files.exists(pdf) || Files.size(pdf) == 0) {
                log.warn("Chromium produced no PDF (exit {})", process.exitValue());
                throw new KhlangProblem(ProblemKind.CONFLICT, "report.pdf.failed");
            }
            return Files.readAllBytes(pdf);
        } catch (IOException failed) {
            log.warn("Printing a PDF failed", failed);
            throw new KhlangProblem(ProblemKind.CONFLICT, "report.pdf.failed");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KhlangProblem(ProblemKind.CONFLICT, "report.pdf.failed");
        } finally {
            if (acquired) {
                slots.release();
            }
            delete(work);
        }
    }

    /** Sarabun's faces, as the pages use them (static/fonts/sarabun, from the npm registry at build time). */
    private static final List<String> FONT_FILES = List.of("sarabun.css", "sarabun-thai-400-normal.woff2",
            "sarabun-thai-600-normal.woff2", "sarabun-thai-700-normal.woff2", "sarabun-latin-400-normal.woff2",
            "sarabun-latin-600-normal.woff2", "sarabun-latin-700-normal.woff2");

    /**
     * The page with Sarabun beside it: Chromium prints offline, so the faces are copied next to the page and its
     * head links their style sheet; the same type on every server, whatever fonts its system has.
     */
    static String withFonts(String html, Path work) throws IOException {
        for (String file : FONT_FILES) {
            try (var in = PdfPrinter.class.getResourceAsStream("/static/fonts/sarabun/" + file)) {
                if (in == null) {
                    log.warn("Sarabun's {} is missing from the build: the PDF uses the system's Thai font", file);
                    return html;
                }
                Files.copy(in, work.resolve(file));
            }
        }
        java.util.regex.Matcher head = java.util.regex.Pattern.compile("(?i)<head[^>]*>").matcher(html);
        String link = "<link rel=\"stylesheet\" href=\"sarabun.css\">";
        return head.find() ? html.substring(0, head.end()) + link + html.substring(head.end()) : link + html;
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is removed by the system
        }
    }
}
