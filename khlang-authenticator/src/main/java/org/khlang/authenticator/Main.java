package org.khlang.authenticator;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command-line Soft Token:
 * <pre>
 *   khlang-authenticator [--home DIR] activate --server URL --code CODE [--name NAME]
 *   khlang-authenticator [--home DIR] requests
 *   khlang-authenticator [--home DIR] approve REQUEST_ID [--number 123456]
 *   khlang-authenticator [--home DIR] deny REQUEST_ID
 *   khlang-authenticator [--home DIR] code
 *   khlang-authenticator [--home DIR] status
 * </pre>
 * {@code --number} is the six-digit secret the browser shows for a sign-in (spaces allowed, "123 456"); it is
 * required for a sign-in request and refused here when it does not have six digits, before anything is signed.
 * The PIN is asked on the console (or read from the KHLANG_PIN environment variable, for scripts). The device
 * lives in DIR (default ~/.khlang-authenticator): device.p12 holds the key under the PIN.
 */
public final class Main {

    private static final int MIN_PIN = 6;

    private final PrintStream out;
    private final Supplier<char[]> pin;

    public Main(PrintStream out, Supplier<char[]> pin) {
        this.out = out;
        this.pin = pin;
    }

    public static void main(String[] args) {
        Main main = new Main(new PrintStream(System.out, true, StandardCharsets.UTF_8), Main::readPin);
        System.exit(main.run(args));
    }

    /** Runs one command; 0 when it succeeded, 1 when the server refused, 2 for a usage error. */
    public int run(String[] arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        Path home = Path.of(option(args, "--home", System.getProperty("user.home") + "/.khlang-authenticator"));
        if (args.isEmpty()) {
            return usage();
        }
        try {
            return switch (args.removeFirst()) {
                case "activate" -> activate(home, args);
                case "requests" -> requests(home);
                case "approve" -> decide(home, args, Protocol.APPROVE);
                case "deny" -> decide(home, args, Protocol.DENY);
                case "not-me" -> decide(home, args, Protocol.NOT_ME);
                case "code" -> {
                    out.println(open(home).offlineCode());
                    yield 0;
                }
                case "status" -> {
                    out.println(open(home).status());
                    yield 0;
                }
                default -> usage();
            };
        } catch (KhlangAuthenticator.ServerRefusedException refused) {
            out.println("refused: " + refused.getMessage());
            return 1;
        } catch (DeviceKey.WrongPinException wrongPin) {
            out.println("wrong PIN");
            return 1;
        }
    }

    private int activate(Path home, List<String> args) {
        String server = option(args, "--server", null);
        String code = option(args, "--code", null);
        String name = option(args, "--name", "khlang-authenticator");
        if (server == null || code == null) {
            return usage();
        }
        char[] chosen = pin.get();
        if (chosen == null || chosen.length < MIN_PIN) {
            out.println("the PIN needs at least " + MIN_PIN + " characters");
            return 2;
        }
        KhlangAuthenticator.Activation activation = KhlangAuthenticator.activate(URI.create(server), code, name);
        activation.authenticator().save(home, chosen);
        KhlangAuthenticator.Outcome first = activation.authenticator().approve(activation.firstRequest(), null);
        out.println("device " + activation.authenticator().deviceId() + (first.approved() ? " active" : " NOT active: "
                + first.code()));
        return first.approved() ? 0 : 1;
    }

    private int requests(Path home) {
        List<PendingRequest> pending = open(home).pending();
        if (pending.isEmpty()) {
            out.println("no requests");
        }
        for (PendingRequest request : pending) {
            out.printf("%s  %-10s %s  (expires %s)%n", request.id(), request.kind(), request.text("th"),
                    request.expiresAt());
            // What an approval of money signs (document, gross, deductions, net, payee), line by line.
            request.text("detail_th").lines().forEach(line -> out.println("    " + line));
        }
        return 0;
    }

    private int decide(Path home, List<String> args, String decision) {
        String numberText = option(args, "--number", null);
        if (args.isEmpty()) {
            return usage();
        }
        String id = args.getFirst();
        KhlangAuthenticator authenticator = open(home);
        PendingRequest request = authenticator.pending().stream().filter(candidate -> candidate.id().equals(id))
                .findFirst().orElse(null);
        if (request == null) {
            out.println("no such pending request: " + id);
            return 1;
        }
        Integer number = null;
        if (request.numberRequired() && "APPROVE".equals(decision)) {
            String digits = numberText == null ? "" : numberText.replaceAll("[\\s\u00a0-]", "");
            if (!digits.matches("[0-9]{6}")) {
                out.println("this sign-in needs the six digits the browser shows: --number 123456");
                return 2;
            }
            number = Integer.valueOf(digits);
        }
        KhlangAuthenticator.Outcome outcome = authenticator.decide(request, decision, number);
        out.println(outcome.state() != null ? outcome.state() : "refused: " + outcome.code());
        return outcome.httpStatus() == 200 ? 0 : 1;
    }

    private KhlangAuthenticator open(Path home) {
        return KhlangAuthenticator.load(home, pin.get());
    }

    private int usage() {
        out.println("usage: khlang-authenticator [--home DIR] (activate --server URL --code CODE [--name NAME]"
                + " | requests | approve ID [--number 123456] | deny ID | not-me ID | code | status)");
        return 2;
    }

    private static String option(List<String> args, String name, String fallback) {
        int index = args.indexOf(name);
        if (index < 0 || index + 1 >= args.size()) {
            return fallback;
        }
        String value = args.get(index + 1);
        args.remove(index + 1);
        args.remove(index);
        return value;
    }

    private static char[] readPin() {
        String fromEnvironment = System.getenv("KHLANG_PIN");
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            return console.readPassword("PIN: ");
        }
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException exception) {
            return new char[0];
        }
    }
}
