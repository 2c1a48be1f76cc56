package mx.zocalo.server.publish;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects the messages of one logger while open (log4j2, as configured for the portal). */
final class LogCapture implements AutoCloseable {
    private final org.apache.logging.log4j.core.Logger logger;
    private final AbstractAppender appender;

    private LogCapture(org.apache.logging.log4j.core.Logger logger, AbstractAppender appender) {
        this.logger = logger;
        this.appender = appender;
    }

    static LogCapture of(String name, List<String> into) {
        AbstractAppender a = new AbstractAppender("capture-" + name, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                into.add(event.getMessage().getFormattedMessage());
            }
        };
        a.start();
        var logger = (org.apache.logging.log4j.core.Logger) LogManager.getLogger(name);
        logger.addAppender(a);
        return new LogCapture(logger, a);
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
