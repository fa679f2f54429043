// The pod's stop must fit in its grace period: the kubelet counts nginx's preStop sleep in
// terminationGracePeriodSeconds and kills whatever still runs when it ends, with 2 s at
// least (kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go, killContainer:
// the hook's time is taken from the grace period, minimumGracePeriodInSeconds). fluent-bit,
// stopped after nginx, needs its Grace to write what nginx last sent.
import { add, and, ge } from "../../compiler/index.ts";
import { nginxSource } from "../modes.ts";
import { v } from "../values.ts";

export const shutdownChecks = [
  {
    when: and(nginxSource, ge(add(v.nginx.preStopSleepSeconds, v.fluentBit.graceSeconds), v.gateway.terminationGracePeriodSeconds)),
    message:
      "nginx.preStopSleepSeconds plus fluentBit.graceSeconds must be less than gateway.terminationGracePeriodSeconds: the kubelet counts the preStop sleep in the pod's grace period and kills what still runs when it ends, nginx with requests in flight or fluent-bit with lines not yet written; raise gateway.terminationGracePeriodSeconds or lower the others",
  },
  {
    when: ge(v.fluentBit.graceSeconds, v.gateway.terminationGracePeriodSeconds),
    message: "fluentBit.graceSeconds must be less than gateway.terminationGracePeriodSeconds: the kubelet kills fluent-bit when the pod's grace period ends, with lines not yet written; raise gateway.terminationGracePeriodSeconds or lower fluentBit.graceSeconds",
  },
];
