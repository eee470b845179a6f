// The eval / where pipelines of the two seed SPL detections (../shared/seeds/), verbatim,
// over events that exercise each flag, with the exact `table` rows SPL would show.
#include <catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/expr/expr_test_support.hpp"

namespace {

using sigma::expr::test::Rule;
using sigma::expr::test::TestEvent;
using Evals = std::vector<std::pair<std::string, std::string>>;

// Runs the evals, then the where; returns the table row, or an empty vector when the where
// drops the event.
std::vector<std::string> run(const TestEvent& event, const Evals& evals, const char* where,
                             const std::vector<std::string>& columns) {
  Rule rule(event);
  for (const auto& [name, text] : evals) {
    INFO("eval " << name << "=" << text);
    REQUIRE(rule.define(name, text));
  }
  if (where != nullptr && !rule.where(where)) {
    REQUIRE(rule.errors.empty());
    return {};
  }
  std::vector<std::string> row;
  for (const auto& c : columns) row.push_back(rule.column(c));
  return row;
}

TestEvent execve(std::vector<std::string> args) {
  TestEvent e;
  e.str("_time", "1700000000.123").str("host", "node1").str("auid", "1000");
  for (std::size_t i = 0; i < args.size(); ++i) e.str("a" + std::to_string(i), args[i]);
  return e;
}

const Evals kContainerApi = {
    {"CommandLine", R"~(mvjoin(mvappend(a0,a1,a2,a3,a4,a5,a6), " "))~"},
    {"IsKubectlSecret",
     R"~(if(match(CommandLine, "kubectl.*(get|describe|edit).*(secret|serviceaccount|sa|configmap)"), 1, 0))~"},
    {"IsDockerCred",
     R"~(if(match(CommandLine, "docker.*(inspect|logs|exec|env)") AND match(CommandLine, "(pass|secret|token|credential|key)"), 1, 0))~"},
    {"IsDockerSock", R"~(if(match(CommandLine, "/var/run/docker\.sock"), 1, 0))~"},
    {"RiskScore", "IsKubectlSecret + IsDockerCred + IsDockerSock"},
};
const std::vector<std::string> kContainerApiTable = {
    "_time",           "host",         "auid",         "CommandLine",
    "IsKubectlSecret", "IsDockerCred", "IsDockerSock", "RiskScore"};

TEST_CASE("seed T1552.007: auditd EXECVE flags and risk score", "[expr][seeds]") {
  using Row = std::vector<std::string>;
  CHECK(run(execve({"kubectl", "get", "secrets", "-n", "kube-system"}), kContainerApi,
            "RiskScore > 0", kContainerApiTable) == Row{"1700000000.123", "node1", "1000",
                                                        "kubectl get secrets -n kube-system", "1",
                                                        "0", "0", "1"});
  CHECK(run(execve({"docker", "exec", "app", "cat", "/run/secrets/db_password"}), kContainerApi,
            "RiskScore > 0", kContainerApiTable) ==
        Row{"1700000000.123", "node1", "1000", "docker exec app cat /run/secrets/db_password", "0",
            "1", "0", "1"});
  CHECK(run(execve({"docker", "-H", "unix:///var/run/docker.sock", "ps"}), kContainerApi,
            "RiskScore > 0", kContainerApiTable) == Row{"1700000000.123", "node1", "1000",
                                                        "docker -H unix:///var/run/docker.sock ps",
                                                        "0", "0", "1", "1"});
  // Two flags at once add up.
  CHECK(run(execve({"docker", "-H", "unix:///var/run/docker.sock", "inspect", "--format",
                    "{{.Config.Env}}", "db_token"}),
            kContainerApi, "RiskScore > 0", kContainerApiTable) ==
        Row{"1700000000.123", "node1", "1000",
            "docker -H unix:///var/run/docker.sock inspect --format {{.Config.Env}} db_token", "0",
            "1", "1", "2"});
  // Arguments past a6 are not part of CommandLine, as in the SPL.
  CHECK(run(execve({"kubectl", "describe", "x", "x", "x", "x", "x", "secret"}), kContainerApi,
            "RiskScore > 0", kContainerApiTable)
            .empty());
  // Benign commands: every flag 0, the where drops them.
  CHECK(run(execve({"docker", "ps"}), kContainerApi, "RiskScore > 0", kContainerApiTable).empty());
  CHECK(run(execve({"kubectl", "get", "pods"}), kContainerApi, "RiskScore > 0", kContainerApiTable)
            .empty());
  // match is case-sensitive: an upper-case subcommand does not count.
  CHECK(
      run(execve({"kubectl", "GET", "SECRETS"}), kContainerApi, "RiskScore > 0", kContainerApiTable)
          .empty());
}

TEST_CASE("seed T1552.007: mvappend skips absent arguments", "[expr][seeds]") {
  TestEvent e = execve({"kubectl"});
  e.str("a2", "get").str("a5", "configmaps");  // a1, a3, a4, a6 absent
  Rule rule(e);
  REQUIRE(rule.define("CommandLine", kContainerApi[0].second));
  CHECK(rule.column("CommandLine") == "kubectl get configmaps");
}

TEST_CASE("seed T1552.007: Kubernetes audit columns", "[expr][seeds]") {
  TestEvent e;
  e.str("_time", "2024-05-01T10:00:00Z").str("user.username", "mallory");
  e.str("resource", "secrets").str("objectRef.namespace", "prod").str("objectRef.name", "db");
  e.list("sourceIPs{}", {"203.0.113.7", "10.0.0.4"});
  const Evals evals = {
      {"Accessor", "'user.username'"},        {"Resource", "resource"},
      {"Namespace", "'objectRef.namespace'"}, {"SecretName", "'objectRef.name'"},
      {"AlertType", "\"K8s_SecretAccess\""},
  };
  CHECK(run(e, evals, nullptr,
            {"_time", "Accessor", "Resource", "Namespace", "SecretName", "sourceIPs{}",
             "AlertType"}) == std::vector<std::string>{"2024-05-01T10:00:00Z", "mallory", "secrets",
                                                       "prod", "db", "203.0.113.7\n10.0.0.4",
                                                       "K8s_SecretAccess"});
}

const Evals kContainerCli = {
    {"PrivilegedContainer",
     R"~(if(match(_raw, "(--privileged|--cap-add=SYS_ADMIN|--net=host|--pid=host)"), 1, 0))~"},
    {"HostMount", R"~(if(match(_raw, "(-v /:/host|-v /etc:/|-v /var/run/docker\.sock)"), 1, 0))~"},
    {"ContainerExec", R"~(if(match(_raw, "(docker exec|kubectl exec|crictl exec)"), 1, 0))~"},
    {"SecretsAccess", R"~(if(match(_raw, "(get secrets|get configmaps)"), 1, 0))~"},
    {"ContainerEscape", R"~(if(match(_raw, "(nsenter|chroot /host)"), 1, 0))~"},
    {"SuspicionScore",
     "PrivilegedContainer*3 + HostMount*3 + ContainerExec + SecretsAccess*2 + ContainerEscape*3"},
};
const std::vector<std::string> kContainerCliTable = {"_time",
                                                     "host",
                                                     "user",
                                                     "_raw",
                                                     "PrivilegedContainer",
                                                     "HostMount",
                                                     "ContainerExec",
                                                     "SecretsAccess",
                                                     "ContainerEscape",
                                                     "SuspicionScore"};

std::vector<std::string> cli(const std::string& raw) {
  TestEvent e;
  e.str("_time", "1700000100").str("host", "web1").str("user", "root").str("_raw", raw);
  return run(e, kContainerCli, "SuspicionScore > 0", kContainerCliTable);
}

TEST_CASE("seed T1059.013: container CLI flags and weighted score", "[expr][seeds]") {
  using Row = std::vector<std::string>;
  const std::string escape = "docker run --privileged --net=host -v /:/host alpine chroot /host";
  CHECK(cli(escape) == Row{"1700000100", "web1", "root", escape, "1", "1", "0", "0", "1", "9"});
  CHECK(cli("kubectl exec -it web -- sh") == Row{"1700000100", "web1", "root",
                                                 "kubectl exec -it web -- sh", "0", "0", "1", "0",
                                                 "0", "1"});
  CHECK(cli("kubectl get secrets -A") ==
        Row{"1700000100", "web1", "root", "kubectl get secrets -A", "0", "0", "0", "1", "0", "2"});
  CHECK(cli("docker run -v /var/run/docker.sock:/var/run/docker.sock --pid=host img") ==
        Row{"1700000100", "web1", "root",
            "docker run -v /var/run/docker.sock:/var/run/docker.sock --pid=host img", "1", "1", "0",
            "0", "0", "6"});
  CHECK(cli("nsenter -t 1 -m sh; crictl exec abc ls") ==
        Row{"1700000100", "web1", "root", "nsenter -t 1 -m sh; crictl exec abc ls", "0", "0", "1",
            "0", "1", "4"});
  CHECK(cli("docker pull nginx:latest").empty());
  CHECK(cli("docker run --PRIVILEGED x").empty());  // match is case-sensitive, as in SPL
}

}  // namespace
