package io.atrium.identity.internal.graph;

/** Microsoft Graph could not answer, or refused to; the message is for the operator and never holds a token. */
public class GraphFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public GraphFailure(String operatorDetail) {
        super(operatorDetail);
    }

    public GraphFailure(String operatorDetail, Throwable cause) {
        super(operatorDetail, cause);
    }
}
