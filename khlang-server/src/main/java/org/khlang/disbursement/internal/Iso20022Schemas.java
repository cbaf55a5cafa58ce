package org.khlang.disbursement.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The ISO 20022 message schemas Khlang writes and reads, loaded from the unmodified official files in
 * {@code iso20022/} (see {@code iso20022/SOURCE.md}), and Khlang's narrower profile of pain.001. Documents are read
 * through a StAX reader that refuses a DOCTYPE and external entities, so a hostile file can neither expand entities
 * nor make the server fetch anything.
 */
final class Iso20022Schemas {

    /** The messages, each with its namespace and the resource holding its schema. */
    enum Message {
        PAIN_001("pain.001.001.09", "/iso20022/pain.001.001.09.xsd"),
        PAIN_001_PROFILE("pain.001.001.09", "/iso20022/profile/pain.001.001.09-khlang-profile.xsd"),
        PAIN_002("pain.002.001.10", "/iso20022/pain.002.001.10.xsd"),
        CAMT_054("camt.054.001.08", "/iso20022/camt.054.001.08.xsd");

        final String id;
        final String namespace;
        final Schema schema;

        Message(String id, String resource) {
            this.id = id;
            this.namespace = "urn:iso:std:iso:20022:tech:xsd:" + id;
            this.schema = load(resource);
        }
    }

    /** One place where a document breaks its schema: the line in the file and the parser's own words. */
    record Violation(long line, String message) {
    }

    /** The most violations reported for one file; a file that breaks the schema more often is wrong throughout. */
    static final int MAX_VIOLATIONS = 20;

    private Iso20022Schemas() {
    }

    private static Schema load(String resource) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(Iso20022Schemas.class.getResource(resource));
        } catch (SAXException broken) {
            throw new IllegalStateException("the schema " + resource + " does not load", broken);
        }
    }

    /** A reader of untrusted XML: no DOCTYPE, no entities from outside, namespaces on. */
    static XMLStreamReader reader(byte[] document) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory.createXMLStreamReader(new ByteArrayInputStream(document));
    }

    /** The namespace of the document's root element, or empty when the bytes are not XML at all. */
    static String rootNamespace(byte[] document) {
        try {
            XMLStreamReader xml = reader(document);
            try {
                while (xml.hasNext()) {
                    if (xml.next() == XMLStreamReader.START_ELEMENT) {
                        return xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
                    }
                }
                return "";
            } finally {
                xml.close();
            }
        } catch (XMLStreamException notXml) {
            return "";
        }
    }

    /** Every way the document breaks the message's schema, at most {@link #MAX_VIOLATIONS}; empty when valid. */
    static List<Violation> violations(Message message, byte[] document) {
        List<Violation> found = new ArrayList<>();
        Validator validator = message.schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException exception) {
                }

                @Override
                public void error(SAXParseException exception) throws SAXException {
                    found.add(new Violation(Math.max(exception.getLineNumber(), 1), exception.getMessage()));
                    if (found.size() >= MAX_VIOLATIONS) {
                        throw exception;
                    }
                }

                @Override
                public void fatalError(SAXParseException exception) throws SAXException {
                    throw exception;
                }
            });
            validator.validate(new StAXSource(reader(document)));
        } catch (SAXParseException stopped) {
            if (found.size() < MAX_VIOLATIONS) {
                found.add(new Violation(Math.max(stopped.getLineNumber(), 1), stopped.getMessage()));
            }
        } catch (SAXException | IOException | XMLStreamException unreadable) {
            found.add(new Violation(1, unreadable.getMessage()));
        }
        return found;
    }

    /**
     * Checks a document Khlang wrote: an invalid one is a defect here, never something to send to a bank.
     *
     * @throws IllegalStateException naming the first violation
     */
    static void require(Message message, byte[] document) {
        List<Violation> violations = violations(message, document);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(message.id + " file is not valid against " + message.name() + " (line "
                    + violations.getFirst().line() + "): " + violations.getFirst().message());
        }
    }
}
