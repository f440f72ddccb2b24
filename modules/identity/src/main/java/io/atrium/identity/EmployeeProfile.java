package io.atrium.identity;

/** What Microsoft Graph says of an employee's position; either may be absent. */
public record EmployeeProfile(String jobTitle, String department) {
}
