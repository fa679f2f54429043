// What OpenShift's SCC admission would refuse, refused at render with the way out
// (platform openshift). The SCC the chart creates is restricted-v2 plus hostPath volumes
// (resources/openshift-scc.ts): root, privileged containers and fixed users outside the
// namespace's range are not admitted under it.
import { and, eq, hasKey, not } from "../../compiler/index.ts";
import { injectionMode, istioOperatorMode, nginxSource, openshiftPlatform } from "../modes.ts";
import { v } from "../values.ts";

const fixedByUser = (key: "runAsUser" | "runAsGroup") => ({
  when: and(openshiftPlatform, hasKey(v.gateway.podSecurityContext, key)),
  message: `gateway.podSecurityContext.${key} is set, but platform is openshift, which assigns the pods' users and groups from the namespace's range (openshift.io/sa.scc.uid-range) and refuses others: remove it`,
});

export const openshiftChecks = [
  {
    when: and(openshiftPlatform, istioOperatorMode),
    message:
      "platform is openshift, but gateway.mode is istioOperator: istioctl renders the gateway's Deployment and ServiceAccount, which the chart's SCC grant cannot name; use gateway.mode injection on OpenShift",
  },
  {
    when: and(openshiftPlatform, v.accessLog.output.prepareHostPath),
    message:
      "accessLog.output.prepareHostPath is true, but platform is openshift, whose SCCs admit no root init container: set accessLog.output.prepareHostPath false and create <accessLog.output.hostPath>/accesslog on every node, writable by group 0 (OpenShift runs every container in group 0) and of SELinux type container_file_t (a MachineConfig can do both)",
  },
  {
    when: and(openshiftPlatform, nginxSource, eq(v.kernelQueue.method, "initContainer")),
    message:
      "kernelQueue.method is initContainer, but platform is openshift, whose restricted SCCs admit no privileged container: use kernelQueue.method auto (a pod sysctl on OpenShift; allow net.unix.max_dgram_qlen on the kubelets with a KubeletConfig's allowedUnsafeSysctls)",
  },
  {
    when: and(openshiftPlatform, injectionMode, nginxSource, eq(v.kernelQueue.method, "auto"), not(v.kernelQueue.podSysctlSurvivesInjection)),
    message:
      "platform is openshift, where kernelQueue.method auto raises the socket queue with a pod sysctl (no privileged init container is admitted), but in gateway.mode injection Istio's gateway injection template replaces the pod's sysctls: put net.unix.max_dgram_qlen in istiod's values.gateways.securityContext and set kernelQueue.podSysctlSurvivesInjection true (and allow the sysctl on the kubelets: a KubeletConfig's allowedUnsafeSysctls), or set kernelQueue.method none, which loses lines under load",
  },
  fixedByUser("runAsUser"),
  fixedByUser("runAsGroup"),
];
