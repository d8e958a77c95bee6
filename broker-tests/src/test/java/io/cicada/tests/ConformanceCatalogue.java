package io.cicada.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The normative statements of MQTT 5.0 and 3.1.1 as catalogued in {@code src/test/resources/conformance/*.tsv}, and
 * where the sources cite them: tests that declare a statement with {@code @Spec}, tests whose comments cite it in
 * brackets, main classes that cite it. Used by {@link ConformanceMatrixTest} on the test thread only.
 */
final class ConformanceCatalogue {
    static final String V5 = "5.0";
    static final String V311 = "3.1.1";
    static final Set<String> BINDS = Set.of("server", "client", "both");
    static final Set<String> NOTE_KINDS = Set.of("n/a", "untestable", "differs", "gap");

    private static final Pattern STATEMENT = Pattern.compile("MQTT-(\\d+)\\.(\\d+)(?:\\.(\\d+))?-(\\d+)(@3\\.1\\.1)?");
    private static final Pattern CITATION = Pattern.compile("\\[MQTT-\\d+\\.\\d+(?:\\.\\d+)?-\\d+[^\\]]*\\]");
    private static final Pattern SPEC = Pattern.compile("@Spec\\(\\{?([^)]*?)\\}?\\)", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    private static final Pattern CLASS = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");

    /** One catalogued statement; {@code equivalent} is the MQTT 5.0 statement a 3.1.1 one maps to, or "-". */
    record Statement(String spec, String id, String binds, String requirement, String equivalent, String note) {
        boolean serverSide() {
            return !binds.equals("client");
        }

        String noteKind() {
            int colon = note.indexOf(':');
            return colon < 0 ? "" : note.substring(0, colon);
        }

        String noteText() {
            return note.substring(note.indexOf(':') + 1).trim();
        }
    }

    /** Where the sources cite one statement key ("MQTT-x.y.z-n", with "@3.1.1" for 3.1.1 numbering). */
    record Citations(Set<String> declared, Set<String> cited, Set<String> implemented) {
        Citations() {
            this(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }

        Set<String> tests() {
            Set<String> all = new TreeSet<>(declared);
            all.addAll(cited);
            return all;
        }
    }

    private final Map<String, Statement> v5;
    private final Map<String, Statement> v311;
    private final Map<String, Citations> citations = new TreeMap<>();

    private ConformanceCatalogue(Map<String, Statement> v5, Map<String, Statement> v311) {
        this.v5 = v5;
        this.v311 = v311;
    }

    static ConformanceCatalogue load(Path root) throws IOException {
        Path dir = root.resolve("broker-tests/src/test/resources/conformance");
        ConformanceCatalogue catalogue = new ConformanceCatalogue(
                read(dir.resolve("mqtt-v5.0.tsv"), V5), read(dir.resolve("mqtt-v3.1.1.tsv"), V311));
        catalogue.scan(root);
        return catalogue;
    }

    Map<String, Statement> statements(String spec) {
        return spec.equals(V5) ? v5 : v311;
    }

    /** The citations that count for a statement: its own key, and for 3.1.1 an unsuffixed number 5.0 lacks. */
    Citations citationsOf(Statement statement) {
        Citations result = new Citations();
        if (statement.spec().equals(V5)) {
            merge(result, citations.get(statement.id()));
        } else {
            merge(result, citations.get(statement.id() + "@3.1.1"));
            if (!v5.containsKey(statement.id())) {
                merge(result, citations.get(statement.id()));
            }
        }
        return result;
    }

    /** Tests of the equivalent MQTT 5.0 statement of a 3.1.1 one; empty for 5.0 statements. */
    Set<String> equivalentTests(Statement statement) {
        if (statement.spec().equals(V5) || statement.equivalent().equals("-")) {
            return Set.of();
        }
        Citations of = citations.get(statement.equivalent());
        return of == null ? Set.of() : of.tests();
    }

    /** Cited keys that name no catalogued statement, with where they are cited. */
    Map<String, Citations> unknown() {
        Map<String, Citations> unknown = new TreeMap<>();
        citations.forEach((key, where) -> {
            boolean known = key.endsWith("@3.1.1")
                    ? v311.containsKey(key.substring(0, key.length() - 6))
                    : v5.containsKey(key) || v311.containsKey(key);
            if (!known) {
                unknown.put(key, where);
            }
        });
        return unknown;
    }

    static String sortKey(String id) {
        Matcher m = STATEMENT.matcher(id);
        if (!m.find()) {
            return id;
        }
        int third = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return String.format(
                "%03d.%03d.%03d-%03d",
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), third, Integer.parseInt(m.group(4)));
    }

    private static void merge(Citations into, Citations from) {
        if (from != null) {
            into.declared().addAll(from.declared());
            into.cited().addAll(from.cited());
            into.implemented().addAll(from.implemented());
        }
    }

    private static Map<String, Statement> read(Path file, String spec) throws IOException {
        Map<String, Statement> statements = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            int columns = spec.equals(V5) ? 4 : 5;
            String where = file.getFileName() + ":" + lineNumber + ": ";
            if (f.length != columns) {
                throw new IllegalStateException(where + "expected " + columns + " tab-separated columns");
            }
            String equivalent = spec.equals(V5) ? "-" : f[3];
            Statement s = new Statement(spec, f[0], f[1], f[2], equivalent, f[columns - 1].trim());
            if (!STATEMENT.matcher(s.id()).matches()
                    || !BINDS.contains(s.binds())
                    || s.requirement().isBlank()) {
                throw new IllegalStateException(where + "expected MQTT-x.y.z-n, server|client|both, requirement");
            }
            if (!s.note().isEmpty() && !NOTE_KINDS.contains(s.noteKind())) {
                throw new IllegalStateException(where + "a note starts with one of " + NOTE_KINDS + " and ':'");
            }
            if (statements.put(s.id(), s) != null) {
                throw new IllegalStateException(where + "duplicate statement " + s.id());
            }
        }
        return statements;
    }

    private void scan(Path root) throws IOException {
        for (Path file : javaFiles(root, "src/test/java")) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            String className = file.getFileName().toString().replace(".java", "");
            Matcher spec = SPEC.matcher(source);
            while (spec.find()) {
                String owner = className + ownerAfter(source, spec.end());
                ids(spec.group(1)).forEach(id -> at(id).declared().add(owner));
            }
            Matcher citation = CITATION.matcher(source);
            while (citation.find()) {
                String owner = className + ownerBefore(source, citation.start());
                ids(citation.group()).forEach(id -> at(id).cited().add(owner));
            }
        }
        for (Path file : javaFiles(root, "src/main/java")) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            String className = file.getFileName().toString().replace(".java", "");
            Matcher citation = CITATION.matcher(source);
            while (citation.find()) {
                ids(citation.group()).forEach(id -> at(id).implemented().add(className));
            }
        }
    }

    private Citations at(String key) {
        return citations.computeIfAbsent(key, k -> new Citations());
    }

    private static List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        Matcher m = STATEMENT.matcher(text);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }

    /** ".method" for the first method declared after {@code at}, or "" when a class comes first. */
    private static String ownerAfter(String source, int at) {
        Matcher method = METHOD.matcher(source);
        Matcher type = CLASS.matcher(source);
        int m = method.find(at) ? method.start() : Integer.MAX_VALUE;
        int t = type.find(at) ? type.start() : Integer.MAX_VALUE;
        return m < t ? "." + method.group(1) : "";
    }

    /** ".method" for the last method declared before {@code at}, or "" outside methods. */
    private static String ownerBefore(String source, int at) {
        Matcher method = METHOD.matcher(source.substring(0, at));
        String name = "";
        while (method.find()) {
            name = "." + method.group(1);
        }
        return name;
    }

    private static List<Path> javaFiles(Path root, String under) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path dir = module.resolve(under);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> walk = Files.walk(dir)) {
                        walk.filter(p -> p.toString().endsWith(".java"))
                                .sorted()
                                .forEach(files::add);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
            }
        }
        return files;
    }
}
