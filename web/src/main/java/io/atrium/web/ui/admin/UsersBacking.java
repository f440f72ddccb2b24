package io.atrium.web.ui.admin;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import io.atrium.audit.AdministrationRefused;
import io.atrium.audit.UserDirectory;
import io.atrium.audit.UserQuery;
import io.atrium.audit.UserView;
import io.atrium.web.ui.errors.ProblemMessages;

/**
 * {@code admin/users.xhtml}: the users list, paged, sorted and filtered in the database (PrimeFaces' lazy table
 * asks for one page at a time), so it stays fast with 100 000 users.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserDirectory users;

    private String name;
    private String email;
    private String status;
    private String role;
    private String signedInFrom;
    private String signedInTo;

    private final LazyDataModel<UserView> model = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        private transient List<UserView> lastPage;

        /**
         * PrimeFaces asks for the number of matches, then for the page: one count and one page query per render. A
         * refused filter is reported once, by {@link #load}.
         */
        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, users.count(query(0, 1, null)));
            } catch (AdministrationRefused refused) {
                return 0;
            }
        }

        @Override
        public List<UserView> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                   Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            try {
                lastPage = users.page(query(first, pageSize, sort));
            } catch (AdministrationRefused refused) {
                ProblemMessages.show(refused);
                lastPage = List.of();
            }
            return lastPage;
        }

        @Override
        public String getRowKey(UserView user) {
            return user.id().toString();
        }

        @Override
        public UserView getRowData(String rowKey) {
            return lastPage == null ? null : lastPage.stream()
                    .filter(user -> user.id().toString().equals(rowKey)).findFirst().orElse(null);
        }
    };

    private UserQuery query(int first, int pageSize, SortMeta sort) {
        return UserQuery.builder().name(name).email(email).status(UserQuery.Status.parse(status)).role(role)
                .signedIn(day(signedInFrom, 0), day(signedInTo, 1))
                .sort(sort == null ? UserQuery.Sort.NAME : UserQuery.Sort.valueOf(sort.getField()),
                        sort != null && sort.getOrder() == SortOrder.DESCENDING)
                .page(first, pageSize).build();
    }

    /** A date typed in the filter as yyyy-MM-dd, as the start of that day (plus {@code days}) in UTC. */
    private static Instant day(String date, int days) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip()).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdministrationRefused(AdministrationRefused.Kind.INVALID, "Dates are written as 2026-05-31.");
        }
    }

    public LazyDataModel<UserView> getModel() {
        return model;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getSignedInFrom() {
        return signedInFrom;
    }

    public void setSignedInFrom(String signedInFrom) {
        this.signedInFrom = signedInFrom;
    }

    public String getSignedInTo() {
        return signedInTo;
    }

    public void setSignedInTo(String signedInTo) {
        this.signedInTo = signedInTo;
    }
}
