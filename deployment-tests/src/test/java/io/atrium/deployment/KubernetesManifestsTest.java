package io.atrium.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.custom.Quantity;

/**
 * The Kubernetes manifests in {@code docker/kubernetes}, checked without a cluster: each object against the model
 * Kubernetes' OpenAPI generates for its kind (unknown fields, missing required fields and wrong types are refused, as
 * the API server would), then what Atrium needs of them.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTORY = "docker/kubernetes";

    @Test
    void every_object_is_valid_for_the_kubernetes_api_of_its_kind() {
        List<JsonNode> objects = objects();

        assertThat(objects).extracting(object -> object.path("kind").asText())
                .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Deployment", "Service", "Service",
                        "PodDisruptionBudget", "NetworkPolicy");
        objects.forEach(KubernetesManifestsTest::validate);
    }

    @Test
    void the_validation_refuses_a_misspelled_field_as_the_api_server_would() {
        ObjectNode deployment = (ObjectNode) objectOfKind("Deployment").deepCopy();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("readinesProbe", container.get("readinessProbe"));

        assertThatThrownBy(() -> validate(deployment)).hasMessageContaining("readinesProbe");
    }

    @Test
    void kustomization_applies_every_manifest_in_the_folder() throws IOException {
        JsonNode kustomization = YAML.readTree(Repository.read(DIRECTORY + "/kustomization.yaml"));
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));

        assertThat(listed).containsExactlyInAnyOrderElementsOf(manifestFiles().stream()
                .map(file -> file.getFileName().toString()).toList());
    }

    @Test
    void the_probes_ask_the_health_endpoints_on_the_containers_http_port() {
        V1Container atrium = atriumContainer();

        assertThat(atrium.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertProbe(atrium.getStartupProbe(), "/health/started");
        assertProbe(atrium.getReadinessProbe(), "/health/ready");
        assertProbe(atrium.getLivenessProbe(), "/health/live");
        assertThat(atrium.getStartupProbe().getPeriodSeconds() * atrium.getStartupProbe().getFailureThreshold())
                .as("seconds given to start (Payara Micro takes ~20 s, a first migration more)").isGreaterThanOrEqualTo(120);
    }

    @Test
    void the_service_and_the_disruption_budget_select_the_deployments_pods() {
        V1Deployment deployment = as(V1Deployment.class, objectOfKind("Deployment"));
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        V1Service service = as(V1Service.class, objectNamed("Service", "atrium"));
        V1PodDisruptionBudget budget = as(V1PodDisruptionBudget.class, objectOfKind("PodDisruptionBudget"));

        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrValue()).isEqualTo("http");
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntValue())
                .isPositive().isLessThan(deployment.getSpec().getReplicas());
    }

    @Test
    void atrium_runs_unprivileged_on_a_read_only_root_with_requests_and_limits() {
        V1PodSpec pod = as(V1Deployment.class, objectOfKind("Deployment")).getSpec().getTemplate().getSpec();
        V1Container atrium = atriumContainer();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(atrium.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(atrium.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(atrium.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(atrium.getVolumeMounts()).anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        Map<String, Quantity> requests = atrium.getResources().getRequests();
        Map<String, Quantity> limits = atrium.getResources().getLimits();
        assertThat(requests).containsKeys("cpu", "memory");
        assertThat(limits).containsKeys("cpu", "memory");
        assertThat(limits.get("memory").getNumber()).isGreaterThanOrEqualTo(requests.get("memory").getNumber());
    }

    @Test
    void workload_identity_ties_the_pods_to_the_annotated_service_account() {
        V1PodSpec pod = as(V1Deployment.class, objectOfKind("Deployment")).getSpec().getTemplate().getSpec();
        V1ServiceAccount account = as(V1ServiceAccount.class, objectOfKind("ServiceAccount"));
        V1ConfigMap config = as(V1ConfigMap.class, objectOfKind("ConfigMap"));

        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getMetadata().getAnnotations()).containsKeys("azure.workload.identity/client-id");
        assertThat(as(V1Deployment.class, objectOfKind("Deployment")).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("azure.workload.identity/use", "true");
        assertThat(config.getData()).containsEntry("ATRIUM_APP_CREDENTIAL", "workload-identity");
    }

    @Test
    void every_setting_is_one_the_readme_documents_and_secrets_come_only_from_a_secret() {
        Map<String, Boolean> documented = Repository.documentedSettings();
        V1ConfigMap config = as(V1ConfigMap.class, objectOfKind("ConfigMap"));
        V1Container atrium = atriumContainer();

        assertThat(documented).as("the README's configuration table").containsKeys("ATRIUM_DB_URL", "AZURE_CLIENT_SECRET");
        assertThat(atrium.getEnvFrom()).anySatisfy(source ->
                assertThat(source.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName()));
        for (String key : config.getData().keySet()) {
            assertThat(documented).as("ConfigMap key " + key).containsKey(key);
            assertThat(documented.get(key)).as(key + " is a secret and must not be in a ConfigMap").isFalse();
        }
        for (V1EnvVar variable : atrium.getEnv()) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getFieldRef() != null) {
                assertThat(atrium.getArgs()).as("the pod's own " + variable.getName() + " is for the command line")
                        .contains("$(" + variable.getName() + ")");
                continue;
            }
            assertThat(documented).as("variable " + variable.getName()).containsKey(variable.getName());
            assertThat(variable.getValue()).as(variable.getName() + " comes from a Secret, not a literal").isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
        }
        List<String> secrets = documented.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        assertThat(atrium.getEnv()).filteredOn(variable -> variable.getValueFrom().getFieldRef() == null)
                .extracting(V1EnvVar::getName)
                .contains("ATRIUM_DB_PASSWORD", "ATRIUM_SESSION_TOKEN_KEYS", "ATRIUM_AUDIT_CHAIN_KEYS")
                .allSatisfy(name -> assertThat(secrets).contains(name));
    }

    @Test
    void the_deployment_holds_no_client_secret_and_no_azure_openai_key_workload_identity_stands_in_for_both() {
        V1ConfigMap config = as(V1ConfigMap.class, objectOfKind("ConfigMap"));

        assertThat(config.getData()).containsEntry("ATRIUM_APP_CREDENTIAL", "workload-identity")
                .containsEntry("ATRIUM_AI_CREDENTIAL", "entra");
        assertThat(atriumContainer().getEnv()).extracting(V1EnvVar::getName)
                .doesNotContain("AZURE_CLIENT_SECRET", "AZURE_OPENAI_API_KEY", "AZURE_CLIENT_CERTIFICATE_PATH");
        assertThat(as(V1Deployment.class, objectOfKind("Deployment")).getSpec().getTemplate().getMetadata()
                .getLabels()).containsEntry("azure.workload.identity/use", "true");
    }

    @Test
    void the_pods_share_sessions_through_a_data_grid_only_they_can_reach() {
        V1Deployment deployment = as(V1Deployment.class, objectOfKind("Deployment"));
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        V1Container atrium = atriumContainer();
        V1Service grid = as(V1Service.class, objectNamed("Service", "atrium-data-grid"));
        V1NetworkPolicy policy = as(V1NetworkPolicy.class, objectOfKind("NetworkPolicy"));

        assertThat(atrium.getArgs()).doesNotContain("--nohazelcast")
                .containsSequence("--clustermode", "dns:" + grid.getMetadata().getName() + ":6900")
                .containsSequence("--startport", "6900");
        assertThat(atrium.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("data-grid");
            assertThat(port.getContainerPort()).isEqualTo(6900);
        });
        assertThat(grid.getSpec().getClusterIP()).as("headless: its name answers with every pod").isEqualTo("None");
        assertThat(grid.getSpec().getPublishNotReadyAddresses()).as("a starting pod finds the others").isTrue();
        assertThat(podLabels).containsAllEntriesOf(grid.getSpec().getSelector());
        assertThat(grid.getSpec().getPorts().get(0).getTargetPort().getStrValue()).isEqualTo("data-grid");
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(port -> port.getPort().getStrValue()).containsExactly("data-grid");
            assertThat(rule.getFrom()).singleElement().satisfies(peer ->
                    assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels()));
        });
    }

    private static void assertProbe(V1Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrValue()).isEqualTo("http");
        assertThat(probe.getTimeoutSeconds()).as(path + " timeout, above the health checks' own 2 s")
                .isGreaterThan(2);
    }

    private static V1Container atriumContainer() {
        return as(V1Deployment.class, objectOfKind("Deployment")).getSpec().getTemplate().getSpec().getContainers()
                .stream().filter(container -> container.getName().equals("atrium")).findFirst().orElseThrow();
    }

    /** Validates like the API server's schema would, with the model of the object's kind. */
    private static void validate(JsonNode object) {
        String kind = object.path("kind").asText();
        try {
            com.google.gson.JsonElement json = JsonParser.parseString(JSON.writeValueAsString(object));
            switch (kind) {
                case "Deployment" -> V1Deployment.validateJsonElement(json);
                case "Service" -> V1Service.validateJsonElement(json);
                case "ConfigMap" -> V1ConfigMap.validateJsonElement(json);
                case "ServiceAccount" -> V1ServiceAccount.validateJsonElement(json);
                case "PodDisruptionBudget" -> V1PodDisruptionBudget.validateJsonElement(json);
                case "NetworkPolicy" -> V1NetworkPolicy.validateJsonElement(json);
                default -> throw new AssertionError("no model for kind " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T as(Class<T> type, JsonNode object) {
        try {
            return io.kubernetes.client.openapi.JSON.getGson().fromJson(JSON.writeValueAsString(object), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode objectNamed(String kind, String name) {
        return objects().stream().filter(object -> object.path("kind").asText().equals(kind)
                        && object.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIRECTORY));
    }

    private static JsonNode objectOfKind(String kind) {
        return objects().stream().filter(object -> object.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + DIRECTORY));
    }

    private static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(Repository.path(DIRECTORY))) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> objects() {
        List<JsonNode> objects = new ArrayList<>();
        for (Path file : manifestFiles()) {
            try (var parser = new YAMLFactory().createParser(file.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(object -> {
                    if (object != null && !object.isNull()) {
                        objects.add(object);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }
}
