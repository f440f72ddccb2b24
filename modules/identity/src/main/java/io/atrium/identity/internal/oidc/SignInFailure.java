package io.atrium.identity.internal.oidc;

import java.util.UUID;

import io.atrium.identity.EmployeePrincipal;

/**
 * A sign-in that cannot finish. Carries two texts: what the employee is told (plain words and what to do) and what
 * the operator reads in the log, joined by a reference the employee can quote to the help desk; and, when Entra
 * refused, Entra's own ids of the attempt, which its sign-in logs and Microsoft's support know it by.
 */
public class SignInFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a sign-in failed, with the HTTP status the browser gets and the advice the employee reads. */
    public enum Reason {
        ENTRA_REFUSED(403, "Microsoft Entra ID did not sign you in",
                "Entra ID answered that you cannot sign in to Atrium right now. If you were asked to consent or were "
                        + "refused access, ask your IT help desk to check your access to Atrium, quoting the reference below."),
        NOT_ASSIGNED(403, "You do not have access to Atrium yet",
                "Your organisation has not given your account access to Atrium. Ask your IT help desk to assign you "
                        + "to the Atrium application, quoting the reference below."),
        CONSENT_MISSING(403, "Atrium is waiting for an administrator's approval",
                "Atrium needs an administrator of your organisation to approve its permissions before anyone can sign "
                        + "in. Ask your IT help desk, quoting the reference below."),
        MFA_REQUIRED(403, "Your sign-in needs a second step",
                "Your organisation asks you to confirm your sign-in with a second step, such as the Microsoft "
                        + "Authenticator app or a code sent to your phone, and that step was not completed. Open Atrium "
                        + "again and complete it; if you have not set one up yet, Microsoft will guide you through it. "
                        + "If that does not work, ask your IT help desk, quoting the reference below."),
        BLOCKED_BY_POLICY(403, "Your organisation's access policy blocked this sign-in",
                "A Conditional Access policy of your organisation does not allow this sign-in, for example from this "
                        + "device, browser, network or location. Try again from a work device on the bank's network, or "
                        + "ask your IT help desk, quoting the reference below."),
        SIGN_IN_NEEDED(401, "Please sign in",
                "Microsoft Entra ID could not sign you in without asking you, because you are not signed in there. "
                        + "Open Atrium again to sign in."),
        APP_NOT_IN_TENANT(403, "Atrium is not set up for your organisation",
                "Microsoft Entra ID does not know Atrium in your organisation's directory: it has not been added there "
                        + "yet, or it was removed. Ask your IT help desk, quoting the reference below."),
        ATRIUM_MISCONFIGURED(503, "Atrium's sign-in is not set up correctly",
                "Microsoft Entra ID refused Atrium's own settings (its address or its credentials), so nobody can sign "
                        + "in until IT corrects them. This is not a problem with your account: please tell your IT help "
                        + "desk, quoting the reference below."),
        CANCELLED(403, "The sign-in was cancelled",
                "You cancelled the sign-in at Microsoft Entra ID, so you are not signed in to Atrium. Open Atrium "
                        + "again to sign in."),
        TENANT_NOT_ALLOWED(403, "Your organisation cannot use this Atrium",
                "You signed in with an account of an organisation this Atrium does not serve. Sign in with your "
                        + "work account of the bank, or ask your IT help desk, quoting the reference below."),
        DISABLED(403, "Your Atrium account is disabled",
                "An Atrium administrator has disabled your account. Entra ID signed you in, but Atrium will not let "
                        + "you in until an administrator enables it again. Quote the reference below if you ask why."),
        CALLBACK_NOT_EXPECTED(400, "This sign-in link has expired",
                "The sign-in did not start here, was already used, or took longer than 15 minutes. Open Atrium again "
                        + "to start a fresh sign-in."),
        TOKEN_REJECTED(401, "Atrium could not verify your sign-in",
                "The answer from Entra ID failed Atrium's security checks, so you were not signed in. Try again; if "
                        + "it happens again, tell your IT help desk, quoting the reference below."),
        ENTRA_UNREACHABLE(503, "The sign-in service cannot be reached",
                "Atrium cannot reach Microsoft Entra ID at the moment. Please try again in a few minutes."),
        NOT_RECORDED(503, "Your sign-in could not be recorded",
                "Atrium keeps a record of every sign-in and could not write this one, so it did not let you in. "
                        + "Please try again in a few minutes.");

        private final int status;
        private final String title;
        private final String advice;

        Reason(int status, String title, String advice) {
            this.status = status;
            this.title = title;
            this.advice = advice;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        public String advice() {
            return advice;
        }
    }

    private final Reason reason;
    private final String reference = UUID.randomUUID().toString();
    private EmployeePrincipal attempted;
    private String entraErrorCode;
    private String entraCorrelationId;
    private String entraTraceId;

    public SignInFailure(Reason reason, String operatorDetail) {
        super(operatorDetail);
        this.reason = reason;
    }

    public SignInFailure(Reason reason, String operatorDetail, Throwable cause) {
        super(operatorDetail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String reference() {
        return reference;
    }

    /** The employee Entra vouched for, when the refusal came after the ID token was verified; else null. */
    public EmployeePrincipal attempted() {
        return attempted;
    }

    public SignInFailure attempted(EmployeePrincipal employee) {
        this.attempted = employee;
        return this;
    }

    /** Entra's {@code AADSTSnnnnn} code, when its answer carried one; else null. */
    public String entraErrorCode() {
        return entraErrorCode;
    }

    public SignInFailure entraErrorCode(String code) {
        this.entraErrorCode = code;
        return this;
    }

    /** Entra's correlation id of the attempt, with which Entra's sign-in logs find it; else null. */
    public String entraCorrelationId() {
        return entraCorrelationId;
    }

    /** Entra's trace id of its answer, which Microsoft's support asks for; else null. */
    public String entraTraceId() {
        return entraTraceId;
    }

    /** @param correlationId Entra's correlation id, a GUID, or null; @param traceId its trace id, a GUID, or null */
    public SignInFailure entraIds(String correlationId, String traceId) {
        this.entraCorrelationId = correlationId;
        this.entraTraceId = traceId;
        return this;
    }
}
