package org.khlang.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

/**
 * axe-core (Deque's engine, the version its Playwright binding ships) run on a page as it stands, with the WCAG 2.0,
 * 2.1 and 2.2 level A and AA rules. A serious or critical violation fails the test; moderate and minor ones are
 * written to {@code target/accessibility/NAME.txt} and returned for the test to list.
 */
public final class Accessibility {

    public static final Path REPORTS = Path.of("target", "accessibility");

    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a",
            "wcag22aa");
    private static final Set<String> FAILING = Set.of("serious", "critical");

    private Accessibility() {
    }

    /** Checks the page; throws naming every serious or critical violation, with the elements concerned. */
    public static List<Rule> check(Page page, String name) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_A_AA).analyze();
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not run on " + name + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        write(name, page.url(), violations);
        List<Rule> failing = violations.stream().filter(rule -> FAILING.contains(rule.getImpact())).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError("accessibility violations on " + name + " (" + page.url() + "):\n"
                    + describe(failing));
        }
        return violations;
    }

    private static void write(String name, String url, List<Rule> violations) {
        try {
            Files.createDirectories(REPORTS);
            String text = url + "\n" + (violations.isEmpty() ? "no violations\n" : describe(violations));
            Files.writeString(REPORTS.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String describe(List<Rule> rules) {
        return rules.stream().map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + "\n"
                + rule.getNodes().stream().map(node -> "    " + node.getTarget() + " " + node.getFailureSummary())
                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n")) + "\n";
    }
}
