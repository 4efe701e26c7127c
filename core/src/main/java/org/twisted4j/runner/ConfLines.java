package org.twisted4j.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a simple configuration file with their numbers, as Twisted's {@code SimpleConfFile} reads
 * them: everything from a {@code #} to the end of its line is a comment, and lines left empty are skipped.
 */
final class ConfLines {

    /** One meaningful line: its number, the line as written, and its whitespace-separated fields. */
    record Line(int number, String text, List<String> fields) {
    }

    private ConfLines() {
    }

    static List<Line> read(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        List<Line> result = new ArrayList<>();
        int number = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            number++;
            int comment = text.indexOf('#');
            String content = (comment < 0 ? text : text.substring(0, comment)).strip();
            if (!content.isEmpty()) {
                result.add(new Line(number, text, List.of(content.split("\\s+"))));
            }
        }
        return result;
    }
}
