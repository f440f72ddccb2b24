package io.atrium.web.architecture;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The modular monolith's rules, on the compiled classes of every module the WAR holds: a module uses another only
 * through its public packages, never its {@code internal} ones; no module knows the web layer; the modules depend
 * on each other without a cycle; and a module's public types neither take nor give its internal ones, so that its
 * callers can use every public constructor and method they see.
 */
class ModuleBoundariesTest {

    private static final String[] MODULES = {"identity", "audit", "ai"};
    /**
     * The modules whose public API is kept apart from their internals. Not yet user-audit: AuditMaintenance's
     * injection constructor takes the module's internal retention, bootstrap and seal types.
     */
    private static final String[] SMALL_FACES = {"identity", "audit", "ai"};
    private static final JavaClasses ATRIUM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atrium");

    @Test
    void the_rules_see_every_modules_classes() {
        for (String module : MODULES) {
            assertThat(ATRIUM.stream().anyMatch(type -> type.getPackageName()
                    .startsWith("io.atrium." + module + ".internal."))).as(module).isTrue();
        }
        assertThat(ATRIUM.stream().anyMatch(type -> type.getPackageName().startsWith("io.atrium.web"))).isTrue();
    }

    @Test
    void no_module_reaches_into_another_modules_internal_packages() {
        for (String module : MODULES) {
            noClasses().that().resideOutsideOfPackage("io.atrium." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.atrium." + module + ".internal..")
                    .because("the " + module + " module's internal packages are its own; others use its public types")
                    .check(ATRIUM);
        }
    }

    @Test
    void no_module_depends_on_the_web_layer() {
        noClasses().that().resideInAnyPackage("io.atrium.identity..", "io.atrium.audit..", "io.atrium.ai..")
                .should().dependOnClassesThat().resideInAPackage("io.atrium.web..")
                .because("web depends on the modules, never the reverse")
                .check(ATRIUM);
    }

    @Test
    void the_error_hierarchy_depends_on_no_module() {
        noClasses().that().resideInAPackage("io.atrium.errors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.atrium.identity..", "io.atrium.audit..",
                        "io.atrium.ai..", "io.atrium.web..")
                .because("every module's failures extend AtriumException, so it must sit below them all")
                .check(ATRIUM);
    }

    @Test
    void the_modules_depend_on_each_other_without_a_cycle() {
        slices().matching("io.atrium.(*)..").should().beFreeOfCycles().check(ATRIUM);
    }

    @Test
    void the_modules_public_types_neither_take_nor_give_internal_ones() {
        for (String module : SMALL_FACES) {
            classes().that().resideInAPackage("io.atrium." + module + "..")
                    .and().resideOutsideOfPackage("io.atrium." + module + ".internal..")
                    .and().arePublic()
                    .should(showNoInternalTypes())
                    .because("the " + module + " module's public API is its root package; a caller outside the module "
                            + "could not name an internal type a public constructor or method asks for")
                    .check(ATRIUM);
        }
    }

    /** Supertypes, and the types of public and protected fields, constructors and methods, generics included. */
    private static ArchCondition<JavaClass> showNoInternalTypes() {
        return new ArchCondition<>("show no internal type in their supertypes or visible signatures") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Set<JavaClass> supertypes = new HashSet<>(type.getRawInterfaces());
                type.getRawSuperclass().ifPresent(supertypes::add);
                report(type.getName() + " extends or implements", supertypes, type, events);
                Stream.concat(type.getFields().stream(), type.getCodeUnits().stream())
                        .filter(ModuleBoundariesTest::isVisible)
                        .forEach(member -> report(member.getFullName(), typesIn(member), type, events));
            }
        };
    }

    private static boolean isVisible(JavaMember member) {
        return member.getModifiers().contains(JavaModifier.PUBLIC)
                || member.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static Set<JavaClass> typesIn(JavaMember member) {
        Set<JavaClass> types = new HashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit codeUnit) {
            types.addAll(codeUnit.getReturnType().getAllInvolvedRawTypes());
            codeUnit.getParameterTypes().stream().map(JavaType::getAllInvolvedRawTypes).forEach(types::addAll);
            types.addAll(codeUnit.getThrowsClause().getTypes());
        }
        return types;
    }

    private static void report(String where, Collection<JavaClass> types, JavaClass type, ConditionEvents events) {
        types.stream().filter(shown -> shown.getPackageName().matches("io\\.atrium\\.\\w+\\.internal(\\..+)?"))
                .forEach(internal -> events.add(SimpleConditionEvent.violated(type,
                        where + " shows the internal " + internal.getName())));
    }
}
