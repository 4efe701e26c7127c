package org.twisted4j.news;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.logger.Logger;

/**
 * The commands of an {@link NntpServer} that receive articles: POST (RFC 3977 §6.3.1), IHAVE (§6.3.2), and the
 * streaming CHECK and TAKETHIS (RFC 4644), with the article read line by line into an {@link ArticleIntake}, then
 * checked and stored.
 *
 * <p>Reactor thread only, as the session that owns it.
 */
final class TransferCommands {

    private static final Logger log = new Logger("news");

    /** How the article being received came: its answers differ. */
    private enum Kind {
        POST, IHAVE, TAKETHIS
    }

    private final NntpServer session;
    private @Nullable ArticleIntake intake;
    private Kind kind = Kind.POST;
    private String offered = "";
    private @Nullable String badOffer;

    TransferCommands(NntpServer session) {
        this.session = session;
    }

    /** Returns whether an article is being received: lines go to {@link #line}, not to the command parser. */
    boolean receiving() {
        return intake != null;
    }

    /** Takes one line of the article being received. */
    void line(byte[] line) {
        ArticleIntake receiving = intake;
        if (receiving != null && receiving.line(line)) {
            intake = null;
            received(receiving);
        }
    }

    /** Notes that a line of the article being received was over the limit. */
    void lineTooLong(int maxLength) {
        ArticleIntake receiving = intake;
        if (receiving != null) {
            receiving.lineTooLong(maxLength);
        }
    }

    private void receive(Kind how, String id) {
        kind = how;
        offered = id;
        intake = new ArticleIntake(session.config().maxArticleSize());
    }

    void post(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 0, 0);
        if (!session.config().postingAllowed()) {
            session.reply("440 Posting not permitted");
            return;
        }
        receive(Kind.POST, "");
        session.reply("340 Send article to be posted");
    }

    void ihave(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 1);
        String id = messageId(command, "IHAVE");
        session.await(session.storage().hasArticle(id), seen -> {
            if (seen) {
                session.reply("435 Article not wanted");
            } else {
                receive(Kind.IHAVE, id);
                session.reply("335 Send article to be transferred");
            }
        });
    }

    void check(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 1);
        String id = messageId(command, "CHECK");
        session.await(session.storage().hasArticle(id), seen -> session.reply((seen ? "438 " : "238 ") + id));
    }

    /** TAKETHIS: the article follows at once, so it is read even when its message-id is bad (then refused). */
    void takeThis(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 1);
        String id = command.args().get(0);
        receive(Kind.TAKETHIS, id);
        badOffer = MessageIds.isValid(id) ? null : "Bad message-id";
    }

    private static String messageId(NntpCommand command, String keyword) throws NntpSyntaxException {
        String id = command.args().get(0);
        if (!MessageIds.isValid(id)) {
            throw new NntpSyntaxException(501, keyword + " takes a message-id");
        }
        return id;
    }

    private void received(ArticleIntake received) {
        try {
            String refusal = badOffer != null ? badOffer : received.refusal();
            badOffer = null;
            if (refusal != null) {
                throw new ArticleRejected(ArticleRejected.Reason.TOO_LARGE, refusal);
            }
            Article article;
            try {
                article = Article.parse(received.bytes());
            } catch (ArticleFormatException e) {
                throw new ArticleRejected(ArticleRejected.Reason.MALFORMED, e.getMessage());
            }
            NntpServerFactory config = session.config();
            if (kind != Kind.POST) {
                store(Posting.relayed(article, offered, config.serverName()));
                return;
            }
            Article posted = Posting.posted(article, config.serverName(), config.wallClock().instant());
            session.await(session.storage().listGroups(), groups -> {
                Map<String, NewsGroup> carried = new HashMap<>();
                groups.forEach(g -> carried.put(g.name(), g));
                try {
                    Posting.allowed(posted, carried);
                    store(posted);
                } catch (ArticleRejected e) {
                    refused(e);
                }
            });
        } catch (ArticleRejected e) {
            refused(e);
        }
    }

    private void store(Article article) {
        Deferred<Object> outcome = session.storage().store(article, session.config().serverName())
                .addCallbacks(numbers -> numbers, failure -> {
                    if (failure.value() instanceof ArticleRejected rejected) {
                        return rejected;
                    }
                    log.failure("storing an article failed", failure);
                    return new ArticleRejected(ArticleRejected.Reason.STORAGE_FAILED,
                            kind == Kind.POST ? "Posting failed" : "Transfer failed, try again later");
                });
        session.await(outcome, result -> {
            if (result instanceof ArticleRejected rejected) {
                refused(rejected);
            } else {
                session.reply(switch (kind) {
                    case POST -> "240 Article received OK";
                    case IHAVE -> "235 Article transferred OK";
                    case TAKETHIS -> "239 " + offered;
                });
            }
        });
    }

    private void refused(ArticleRejected rejected) {
        boolean retry = rejected.reason() == ArticleRejected.Reason.STORAGE_FAILED;
        session.reply(switch (kind) {
            case POST -> "441 " + rejected.getMessage();
            case IHAVE -> (retry ? "436 " : "437 ") + rejected.getMessage();
            case TAKETHIS -> "439 " + offered + " " + rejected.getMessage();
        });
    }
}
