package io.atrium.web.architecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The modular monolith's rules, on the compiled classes of every module the WAR holds: a module uses another only
 * through its public packages, never its {@code internal} ones; no module knows the web layer; and the modules depend
 * on each other without a cycle.
 */
class ModuleBoundariesTest {

    private static final String[] MODULES = {"identity", "audit", "ai"};
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
}
