package io.atrium.identity.internal.roles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Atrium roles membership of an Entra group gives, as {@code atrium.roles.group-mapping} states it:
 * {@code groupObjectId=role,groupObjectId=role}, a group repeated for each further role. Group ids are compared
 * without regard to case, since Entra writes them in lower case and an operator may copy them in upper case.
 */
final class GroupRoleMapping {

    private static final String SETTING = "ATRIUM_ROLES_GROUP_MAPPING (atrium.roles.group-mapping)";
    private static final Pattern OBJECT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ROLE = Pattern.compile("\\S+");

    private final Map<String, Set<String>> rolesByGroup;
    private final List<String> problems;

    private GroupRoleMapping(Map<String, Set<String>> rolesByGroup, List<String> problems) {
        this.rolesByGroup = rolesByGroup;
        this.problems = problems;
    }

    /** Reads the setting; entries that are not {@code groupObjectId=role} become {@link #problems()}, not roles. */
    static GroupRoleMapping parse(String setting) {
        Map<String, Set<String>> rolesByGroup = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (setting != null && !setting.isBlank()) {
            String[] entries = setting.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                String[] groupAndRole = entry.split("=", -1);
                if (entry.isEmpty()) {
                    problems.add(SETTING + " has an empty entry (number " + (i + 1) + "); write groupObjectId=role "
                            + "pairs separated by commas");
                } else if (groupAndRole.length != 2) {
                    problems.add(SETTING + " has the entry '" + entry + "', which is not groupObjectId=role");
                } else if (!OBJECT_ID.matcher(groupAndRole[0].strip()).matches()) {
                    problems.add(SETTING + " has the entry '" + entry + "', whose group is not an object id: Entra "
                            + "names groups by GUIDs such as 5d1c8a7e-2b3f-4e6a-9c0d-8f7e6a5b4c3d");
                } else if (!ROLE.matcher(groupAndRole[1].strip()).matches()) {
                    problems.add(SETTING + " has the entry '" + entry + "', whose role is empty or contains spaces");
                } else {
                    rolesByGroup.computeIfAbsent(groupAndRole[0].strip().toLowerCase(Locale.ROOT),
                            group -> new LinkedHashSet<>()).add(groupAndRole[1].strip());
                }
            }
        }
        return new GroupRoleMapping(rolesByGroup, List.copyOf(problems));
    }

    boolean isEmpty() {
        return rolesByGroup.isEmpty();
    }

    Set<String> rolesOf(String groupId) {
        return Collections.unmodifiableSet(rolesByGroup.getOrDefault(groupId.toLowerCase(Locale.ROOT), Set.of()));
    }

    List<String> problems() {
        return problems;
    }
}
