package org.khlang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's limits as a ratchet: no method of the main code over 70 lines and no main file over 400, read with the
 * JDK's own Java parser. The methods and files that were over when the check came are listed with their size then:
 * they may shrink, never grow, and a new one may not join them. Shrink one under the limit and take it off the list.
 */
class CodeSizeTests {

    static final int MAX_METHOD_LINES = 70;
    static final int MAX_FILE_LINES = 400;

    /** Methods over the limit when the check came, with their length then (file:method → lines): none. */
    static final Map<String, Integer> LONG_METHODS = Map.of();

    /** Files over the limit when the check came (2026-12-08), with their length then: issue 16 splits them. */
    static final Map<String, Integer> LONG_FILES = Map.ofEntries(
            Map.entry("org/khlang/audit/internal/ChainVerifier.java", 485),
            Map.entry("org/khlang/authority/internal/JdbcAppointmentOrders.java", 514),
            Map.entry("org/khlang/disbursement/internal/JdbcReceipts.java", 474),
            Map.entry("org/khlang/disbursement/internal/JdbcWithdrawals.java", 1110),
            Map.entry("org/khlang/disbursement/web/MoneyApiController.java", 440),
            Map.entry("org/khlang/disbursement/web/MoneyController.java", 482),
            Map.entry("org/khlang/identity/internal/Passkeys.java", 458),
            Map.entry("org/khlang/softtoken/internal/SoftTokenService.java", 406));

    static final Path MAIN = Path.of("src/main/java");

    @Test
    void noMethodGrowsPastSeventyLinesAndNoFilePastFourHundred() throws IOException {
        Map<String, Integer> methods = new TreeMap<>();
        Map<String, Integer> files = new TreeMap<>();
        measure(methods, files);
        List<String> over = new ArrayList<>();
        methods.forEach((method, lines) -> {
            if (lines > MAX_METHOD_LINES && lines > LONG_METHODS.getOrDefault(method, MAX_METHOD_LINES)) {
                over.add(method + " has " + lines + " lines (limit " + LONG_METHODS.getOrDefault(method,
                        MAX_METHOD_LINES) + ")");
            }
        });
        files.forEach((file, lines) -> {
            if (lines > MAX_FILE_LINES && lines > LONG_FILES.getOrDefault(file, MAX_FILE_LINES)) {
                over.add(file + " has " + lines + " lines (limit " + LONG_FILES.getOrDefault(file, MAX_FILE_LINES)
                        + ")");
            }
        });
        assertThat(over).as("methods over " + MAX_METHOD_LINES + " lines and files over " + MAX_FILE_LINES
                + " that are new or grew").isEmpty();
    }

    @Test
    void theListsNameOnlyWhatIsStillOverTheLimit() throws IOException {
        Map<String, Integer> methods = new TreeMap<>();
        Map<String, Integer> files = new TreeMap<>();
        measure(methods, files);
        assertThat(LONG_METHODS.keySet()).as("listed methods that are gone or now within the limit: take them off")
                .allMatch(method -> methods.getOrDefault(method, 0) > MAX_METHOD_LINES);
        assertThat(LONG_FILES.keySet()).as("listed files that are gone or now within the limit: take them off")
                .allMatch(file -> files.getOrDefault(file, 0) > MAX_FILE_LINES);
    }

    static void measure(Map<String, Integer> methods, Map<String, Integer> files) throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            sources = walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, manager, diagnostic -> { }, List.of("-proc:none"),
                    null, units);
            Trees trees = Trees.instance(task);
            SourcePositions positions = trees.getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                String file = MAIN.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri())).toString();
                LineMap lines = unit.getLineMap();
                files.put(file, (int) lines.getLineNumber(positions.getEndPosition(unit, unit)));
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        if (method.getBody() != null) {
                            long first = lines.getLineNumber(positions.getStartPosition(unit, method));
                            long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                            methods.merge(file + ":" + method.getName(), (int) (last - first + 1), Math::max);
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
    }
}
