package io.atrium.web.cluster;

import io.atrium.identity.events.EmployeeStandingChanged;

/** {@link EmployeeStandingChanged} as the data grid carries it: three lines of text, ids only. */
final class StandingChangeMessage {

    private StandingChangeMessage() {
    }

    static String write(EmployeeStandingChanged change) {
        return change.tenantId() + "\n" + change.objectId() + "\n" + change.disabled();
    }

    static EmployeeStandingChanged read(String message) {
        String[] lines = message.split("\n", -1);
        if (lines.length != 3 || !(lines[2].equals("true") || lines[2].equals("false"))) {
            throw new IllegalArgumentException("not a change to an employee: " + lines.length + " line(s)");
        }
        return new EmployeeStandingChanged(lines[0], lines[1], Boolean.parseBoolean(lines[2]));
    }
}
