package io.floe.cluster.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The encoder of a member's log lines (logback.xml): logback's own {@link JsonEncoder}, one JSON object per line for
 * log shippers, when {@code FLOE_LOG_FORMAT=json} (or {@code -Dfloe.log.format=json}); otherwise plain lines in the
 * configured pattern. Invariant: the format is chosen once, when logback starts the encoder; an unknown format
 * warns (in logback's status) and logs plain lines rather than none.
 */
public final class FloeLogEncoder extends EncoderBase<ILoggingEvent> {
    /** The environment variable and the system property (which wins) naming the format. */
    public static final String FORMAT_ENV = "FLOE_LOG_FORMAT";
    public static final String FORMAT_PROPERTY = "floe.log.format";

    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";
    private Encoder<ILoggingEvent> delegate;

    /** The pattern of plain lines (logback's pattern layout). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        delegate = isJson(chosenFormat()) ? json() : plain();
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    private String chosenFormat() {
        String property = System.getProperty(FORMAT_PROPERTY);
        String format = property != null ? property : System.getenv(FORMAT_ENV);
        return format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    }

    private boolean isJson(String format) {
        if (!format.isEmpty() && !format.equals("json") && !format.equals("plain")) {
            addWarn(FORMAT_ENV + "=" + format + " is neither json nor plain: logging plain lines");
        }
        return format.equals("json");
    }

    /** Shippers want the formatted message; the raw template and its arguments would double every line. */
    private static JsonEncoder json() {
        JsonEncoder json = new JsonEncoder();
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        return json;
    }

    private PatternLayoutEncoder plain() {
        PatternLayoutEncoder plain = new PatternLayoutEncoder();
        plain.setPattern(pattern);
        return plain;
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }
}
