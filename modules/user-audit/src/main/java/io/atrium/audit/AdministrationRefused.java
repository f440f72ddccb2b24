package io.atrium.audit;

import io.atrium.errors.AtriumException;
import io.atrium.errors.Problem;

/** An administrative request that cannot be done, with a message an administrator can act on. */
public class AdministrationRefused extends AtriumException {

    private static final long serialVersionUID = 1L;

    /** Why, with the HTTP status it maps to. */
    public enum Kind {
        NOT_FOUND(Problem.NOT_FOUND), INVALID(Problem.INVALID), CONFLICT(Problem.CONFLICT);

        private final Problem problem;

        Kind(Problem problem) {
            this.problem = problem;
        }
    }

    private final Kind kind;

    public AdministrationRefused(Kind kind, String message) {
        super(message, null);
        this.kind = kind;
    }

    @Override
    public Problem problem() {
        return kind.problem;
    }

    public Kind kind() {
        return kind;
    }
}
