package org.khlang.disbursement.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a schema-valid ISO 20022 document element by element, telling its reader where it is as a path of local
 * names below the message element (e.g. {@code OrgnlPmtInfAndSts/TxInfAndSts/OrgnlEndToEndId}), with each
 * element's line in the file and the text of each leaf.
 */
abstract class Iso20022Walk {

    /** An element opens: its path, its line, and the value of its {@code Ccy} attribute if it has one. */
    abstract void open(String path, long line, String currency);

    /** An element closes: its path, its line and its text (blank for an element that holds others). */
    abstract void close(String path, long line, String text);

    final void walk(byte[] document) throws XMLStreamException {
        XMLStreamReader xml = Iso20022Schemas.reader(document);
        Deque<String> names = new ArrayDeque<>();
        Deque<Long> lines = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        try {
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamReader.START_ELEMENT -> {
                        // The first two levels are Document and the message element, the same in every file.
                        names.addLast(names.size() < 2 ? "" : xml.getLocalName());
                        long line = xml.getLocation().getLineNumber();
                        lines.addLast(line);
                        text.setLength(0);
                        if (names.size() > 2) {
                            open(path(names), line, xml.getAttributeValue(null, "Ccy"));
                        }
                    }
                    case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA -> text.append(xml.getText());
                    case XMLStreamReader.END_ELEMENT -> {
                        if (names.size() > 2) {
                            close(path(names), lines.getLast(), text.toString().strip());
                        }
                        names.removeLast();
                        lines.removeLast();
                        text.setLength(0);
                    }
                    default -> {
                    }
                }
            }
        } finally {
            xml.close();
        }
    }

    private static String path(Deque<String> names) {
        StringBuilder path = new StringBuilder();
        int level = 0;
        for (String name : names) {
            if (level++ >= 2) {
                path.append(path.isEmpty() ? "" : "/").append(name);
            }
        }
        return path.toString();
    }
}
