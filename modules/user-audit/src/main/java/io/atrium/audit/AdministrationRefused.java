package io.atrium.audit;

/** An administrative request that cannot be done, with a message an administrator can act on. */
public class AdministrationRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, with the HTTP status it maps to. */
    public enum Kind {
        NOT_FOUND(404), INVALID(400), CONFLICT(409);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public AdministrationRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
