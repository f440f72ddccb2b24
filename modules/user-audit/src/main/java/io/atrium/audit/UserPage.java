package io.atrium.audit;

import java.util.List;

/** One page of users and how many match the filters in all. */
public record UserPage(List<UserView> users, long total) {
}
