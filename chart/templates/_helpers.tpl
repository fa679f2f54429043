{{/*
Expand the name of the chart.
*/}}
{{- define "ingressgateway-accesslog.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name, at most 63 characters (DNS names are limited to that).
If the release name contains the chart name it is used as the full name.
*/}}
{{- define "ingressgateway-accesslog.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- if contains (.Values.nameOverride | default .Chart.Name) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (.Values.nameOverride | default .Chart.Name) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version as used by the helm.sh/chart label.
*/}}
{{- define "ingressgateway-accesslog.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: a small stable subset; changing them would orphan existing pods.
*/}}
{{- define "ingressgateway-accesslog.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ingressgateway-accesslog.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "ingressgateway-accesslog.labels" -}}
helm.sh/chart: {{ include "ingressgateway-accesslog.chart" . | quote }}
{{ include "ingressgateway-accesslog.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
{{- end }}

{{/*
The ServiceAccount the pods run as: the created one, or the named existing one.
*/}}
{{- define "ingressgateway-accesslog.serviceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create }}
{{- .Values.gateway.serviceAccount.name | default (include "ingressgateway-accesslog.fullname" .) }}
{{- else }}
{{- .Values.gateway.serviceAccount.name | default "default" }}
{{- end }}
{{- end }}

{{/*
Whether the chart renders the gateway Deployment itself and Istio injects Envoy into it (gateway.mode injection).
*/}}
{{- define "ingressgateway-accesslog.injectionMode" -}}
{{- if eq .Values.gateway.mode "injection" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether the chart renders an IstioOperator and istioctl renders the gateway Deployment (gateway.mode istioOperator).
*/}}
{{- define "ingressgateway-accesslog.istioOperatorMode" -}}
{{- if eq .Values.gateway.mode "istioOperator" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx runs in front of Envoy and writes the access log to a unix socket (accessLog.source nginx).
*/}}
{{- define "ingressgateway-accesslog.nginxInFront" -}}
{{- if eq .Values.accessLog.source "nginx" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether the gateway's Envoy streams each request to fluent-bit itself, with no nginx (accessLog.source envoy).
*/}}
{{- define "ingressgateway-accesslog.envoyAccessLog" -}}
{{- if eq .Values.accessLog.source "envoy" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether the pods follow OpenShift's security rules: no fixed users or groups, no root init containers (platform openshift).
*/}}
{{- define "ingressgateway-accesslog.openshift" -}}
{{- if eq .Values.platform "openshift" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether a pod sysctl raises the socket queue: asked for, or automatic in IstioOperator mode and on OpenShift (nginx mode only).
*/}}
{{- define "ingressgateway-accesslog.queueByPodSysctl" -}}
{{- if and (include "ingressgateway-accesslog.nginxInFront" .)
           (or (eq .Values.kernelQueue.method "podSysctl")
               (and (eq .Values.kernelQueue.method "auto")
                    (or (include "ingressgateway-accesslog.istioOperatorMode" .)
                        (include "ingressgateway-accesslog.openshift" .)))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether a privileged init container raises the socket queue: asked for, or automatic in injection mode (nginx mode only).
*/}}
{{- define "ingressgateway-accesslog.queueByInitContainer" -}}
{{- if and (include "ingressgateway-accesslog.nginxInFront" .)
           (or (eq .Values.kernelQueue.method "initContainer")
               (and (eq .Values.kernelQueue.method "auto")
                    (include "ingressgateway-accesslog.injectionMode" .)
                    (not (include "ingressgateway-accesslog.openshift" .)))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether fluent-bit forwards over TLS and verifies fluentd's certificate against a CA from a Secret.
*/}}
{{- define "ingressgateway-accesslog.forwardsWithOwnCa" -}}
{{- if and .Values.accessLog.forward.enabled .Values.accessLog.forward.tls.enabled (ne .Values.accessLog.forward.tls.caSecret.name "") }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether the rolling update may neither add nor remove a pod (maxSurge and maxUnavailable both 0).
*/}}
{{- define "ingressgateway-accesslog.rollingUpdateMovesNoPod" -}}
{{- if and (eq .Values.gateway.strategy.type "RollingUpdate")
           (gt (int (len (regexFindAll "^\"?0%?\"?$" (.Values.gateway.strategy.rollingUpdate.maxSurge | toJson) -1))) 0)
           (gt (int (len (regexFindAll "^\"?0%?\"?$" (.Values.gateway.strategy.rollingUpdate.maxUnavailable | toJson) -1)))
               0) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Istio's proxy config for the gateway pods (the proxy.istio.io/config annotation), as JSON.
*/}}
{{- define "ingressgateway-accesslog.proxyConfig" -}}
{{- merge (dict "gatewayTopology" (dict "numTrustedProxies" (add .Values.gateway.numTrustedProxies
                                                                 (get (dict "nginx" 1 "envoy" 0)
                                                                      .Values.accessLog.source)))
                "terminationDrainDuration" (printf "%ds" (int .Values.gateway.drainSeconds)))
          (ternary (dict)
                   (dict "drainDuration" (printf "%vs" (add .Values.nginx.preStopSleepSeconds 5)))
                   (empty (and (include "ingressgateway-accesslog.nginxInFront" .)
                               (gt (int .Values.nginx.preStopSleepSeconds) 40))))
          (ternary (dict)
                   (dict "proxyStatsMatcher" (dict "inclusionPrefixes" (list "access_logs.fluentd")))
                   (empty (include "ingressgateway-accesslog.envoyAccessLog" .))) | toJson }}
{{- end }}

{{/*
Whether fluent-bit runs as a native sidecar (init container with restartPolicy Always): asked for, or automatic on Kubernetes 1.29+.
*/}}
{{- define "ingressgateway-accesslog.fluentBitNativeSidecar" -}}
{{- if or (eq .Values.fluentBit.nativeSidecar "always") (and (eq .Values.fluentBit.nativeSidecar "auto") (semverCompare ">=1.29-0" .Capabilities.KubeVersion.Version)) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
The raise-dgram-queue container's fields that are the same wherever the chart writes it (deployment.yaml, daemonset.yaml, istio-operator.yaml).
*/}}
{{- define "ingressgateway-accesslog.raiseDgramQueueContainer" -}}
name: raise-dgram-queue
image: {{ printf "%s:%s" .Values.kernelQueue.initContainerImage.repository .Values.kernelQueue.initContainerImage.tag | quote }}
command:
  - sysctl
  - "-w"
  - {{ printf "net.unix.max_dgram_qlen=%d" (int .Values.kernelQueue.maxDgramQlen) | quote }}
securityContext:
  privileged: true
  runAsUser: 0
  runAsNonRoot: false
resources:
  requests:
    cpu: "10m"
    memory: "8Mi"
  limits:
    memory: "32Mi"
{{- end }}

{{/*
The prepare-log-dir container's fields that are the same wherever the chart writes it (deployment.yaml, daemonset.yaml, istio-operator.yaml).
*/}}
{{- define "ingressgateway-accesslog.prepareLogDirContainer" -}}
name: prepare-log-dir
image: {{ printf "%s:%s" .Values.kernelQueue.initContainerImage.repository .Values.kernelQueue.initContainerImage.tag | quote }}
command:
  - sh
  - "-c"
  - "set -e; dir=/var/log/hostpath/accesslog; if [ -L \"$dir\" ]; then echo \"$dir (<accessLog.output.hostPath>/accesslog on the node) is a symbolic link: remove it; the chart prepares only a directory of its own\" >&2; exit 1; fi; [ -d \"$dir\" ] || mkdir -m 0775 \"$dir\"; chown \"$OWNER\" \"$dir\""
env:
  - name: OWNER
    value: {{ printf "65532:%d" (int .Values.accessLog.socketGroupId) | quote }}
securityContext:
  runAsUser: 0
  runAsNonRoot: false
  readOnlyRootFilesystem: true
  allowPrivilegeEscalation: false
  capabilities:
    drop:
      - ALL
    add:
      - CHOWN
resources:
  requests:
    cpu: "10m"
    memory: "8Mi"
  limits:
    memory: "32Mi"
volumeMounts:
  - name: accesslog-output
    mountPath: /var/log/hostpath
{{- end }}

{{/*
The fluent-bit container's fields that are the same wherever the chart writes it (deployment.yaml, daemonset.yaml, istio-operator.yaml).
*/}}
{{- define "ingressgateway-accesslog.fluentBitContainer" -}}
name: fluent-bit
{{- if .Values.fluentBit.image.digest }}
image: {{ printf "%s@%s" .Values.fluentBit.image.repository .Values.fluentBit.image.digest | quote }}
{{- else }}
image: {{ printf "%s:%s" .Values.fluentBit.image.repository .Values.fluentBit.image.tag | quote }}
{{- end }}
imagePullPolicy: {{ .Values.fluentBit.image.pullPolicy | quote }}
args:
  - "-c"
  - /fluent-bit/etc/accesslog/fluent-bit.conf
ports:
  - name: fluent-bit-http
    containerPort: {{ .Values.fluentBit.httpPort | int }}
    protocol: TCP
  {{- if include "ingressgateway-accesslog.nginxInFront" . }}
  - name: accesslog-prom
    containerPort: {{ .Values.fluentBit.metricsPort | int }}
    protocol: TCP
  {{- end }}
env:
  - name: POD_NAME
    valueFrom:
      fieldRef:
        fieldPath: metadata.name
  - name: TZ
    value: {{ .Values.accessLog.timeZone | quote }}
  {{- with .Values.accessLog.forward.sharedKeySecret.name }}
  - name: FORWARD_SHARED_KEY
    valueFrom:
      secretKeyRef:
        name: {{ . | quote }}
        key: {{ $.Values.accessLog.forward.sharedKeySecret.key | quote }}
  {{- end }}
  {{- with .Values.fluentBit.extraEnv }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
livenessProbe:
  httpGet:
    path: /api/v1/health
    port: fluent-bit-http
  periodSeconds: 10
  failureThreshold: 6
resources:
  {{- toYaml .Values.fluentBit.resources | nindent 2 }}
securityContext:
  runAsNonRoot: true
  {{- if not (include "ingressgateway-accesslog.openshift" .) }}
  runAsUser: 65532
  runAsGroup: 65532
  {{- end }}
  readOnlyRootFilesystem: true
  allowPrivilegeEscalation: false
  capabilities:
    drop:
      - ALL
  seccompProfile:
    type: RuntimeDefault
volumeMounts:
  - name: fluent-bit-config
    mountPath: /fluent-bit/etc/accesslog
    readOnly: true
  - name: fluent-bit-buffer
    mountPath: /var/fluent-bit/buffer
  - name: accesslog-output
    mountPath: /var/log/hostpath
  {{- if include "ingressgateway-accesslog.nginxInFront" . }}
  - name: accesslog-socket
    mountPath: {{ .Values.accessLog.socketDirectory | quote }}
  {{- end }}
  {{- if include "ingressgateway-accesslog.forwardsWithOwnCa" . }}
  - name: accesslog-forward-ca
    mountPath: /fluent-bit/forward-ca
    readOnly: true
  {{- end }}
  {{- with .Values.fluentBit.extraVolumeMounts }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}

{{/*
The nginx container's fields that are the same wherever the chart writes it (deployment.yaml, daemonset.yaml).
*/}}
{{- define "ingressgateway-accesslog.nginxContainer" -}}
name: nginx
{{- if .Values.nginx.image.digest }}
image: {{ printf "%s@%s" .Values.nginx.image.repository .Values.nginx.image.digest | quote }}
{{- else }}
image: {{ printf "%s:%s" .Values.nginx.image.repository .Values.nginx.image.tag | quote }}
{{- end }}
imagePullPolicy: {{ .Values.nginx.image.pullPolicy | quote }}
{{- if .Values.nginx.tls.enabled }}
command:
  - sh
  - "-c"
  - {{ printf "certificates() { cat /etc/nginx/tls/*/* | cksum; }\nloaded=$(certificates)\nnginx_pid=$$\n(\n  while sleep %d && kill -0 \"$nginx_pid\" 2>/dev/null; do\n    current=$(certificates)\n    if [ \"$current\" != \"$loaded\" ]; then\n      echo \"certificates in /etc/nginx/tls changed: reloading nginx\" >&2\n      nginx \"$@\" -s reload && loaded=$current\n    fi\n  done\n) &\nexec nginx \"$@\"" (int .Values.nginx.tls.reloadCheckSeconds) | quote }}
  - nginx
{{- else }}
command:
  - nginx
{{- end }}
args:
  - "-c"
  - /etc/nginx/accesslog/nginx.conf
  - "-g"
  - "daemon off;"
ports:
  - name: http-nginx
    containerPort: {{ .Values.nginx.listenPort | int }}
    protocol: TCP
  {{- if .Values.nginx.tls.enabled }}
  - name: https-nginx
    containerPort: {{ .Values.nginx.tls.port | int }}
    protocol: TCP
  {{- end }}
  {{- if .Values.nginx.tls.offloadedPort }}
  - name: http-offloaded
    containerPort: {{ .Values.nginx.tls.offloadedPort | toJson }}
    protocol: TCP
  {{- end }}
  - name: nginx-health
    containerPort: {{ .Values.nginx.healthPort | int }}
    protocol: TCP
{{- end }}

{{/*
Whether the gateway runs at least two pods (autoscaling.minReplicas, or replicaCount without autoscaling), so a PodDisruptionBudget cannot block a node drain.
*/}}
{{- define "ingressgateway-accesslog.atLeastTwoReplicas" -}}
{{- if or (and .Values.gateway.autoscaling.enabled (gt (int .Values.gateway.autoscaling.minReplicas) 1)) (and (not .Values.gateway.autoscaling.enabled) (gt (int .Values.gateway.replicaCount) 1)) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
The length of spec.template.spec.containers in the gateway Deployment istioctl renders for istioOperator.istioVersion: overlays append after it.
*/}}
{{- define "ingressgateway-accesslog.istioctlContainersCount" -}}
{{- (get (dict "1.24" 1 "1.25" 1 "1.26" 1 "1.27" 1 "1.28" 1) .Values.istioOperator.istioVersion) | required "istioOperator.istioVersion: the chart describes the gateway Deployment of Istio 1.24, 1.25, 1.26, 1.27, 1.28 only; pick one of them" }}
{{- end }}

{{/*
The length of istio-proxy's volumeMounts in the gateway Deployment istioctl renders for istioOperator.istioVersion: overlays append after it.
*/}}
{{- define "ingressgateway-accesslog.istioctlProxyVolumeMountsCount" -}}
{{- (get (dict "1.24" 11 "1.25" 11 "1.26" 11 "1.27" 11 "1.28" 11) .Values.istioOperator.istioVersion) | required "istioOperator.istioVersion: the chart describes the gateway Deployment of Istio 1.24, 1.25, 1.26, 1.27, 1.28 only; pick one of them" }}
{{- end }}

{{/*
The length of spec.template.spec.volumes in the gateway Deployment istioctl renders for istioOperator.istioVersion: overlays append after it.
*/}}
{{- define "ingressgateway-accesslog.istioctlVolumesCount" -}}
{{- (get (dict "1.24" 11 "1.25" 11 "1.26" 11 "1.27" 11 "1.28" 11) .Values.istioOperator.istioVersion) | required "istioOperator.istioVersion: the chart describes the gateway Deployment of Istio 1.24, 1.25, 1.26, 1.27, 1.28 only; pick one of them" }}
{{- end }}

{{/*
Whether gateway.proxyResources has no requests.cpu.
*/}}
{{- define "ingressgateway-accesslog.proxyLacksCpuRequest" -}}
{{- if not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"cpu\":" (.Values.gateway.proxyResources | toJson) -1))) 0) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether fluentBit.resources has no requests.cpu.
*/}}
{{- define "ingressgateway-accesslog.fluentBitLacksCpuRequest" -}}
{{- if not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"cpu\":" (.Values.fluentBit.resources | toJson) -1))) 0) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.resources has no requests.cpu while nginx runs.
*/}}
{{- define "ingressgateway-accesslog.nginxLacksCpuRequest" -}}
{{- if and (include "ingressgateway-accesslog.nginxInFront" .) (not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"cpu\":" (.Values.nginx.resources | toJson) -1))) 0)) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether the HorizontalPodAutoscaler scales on memory as well as CPU.
*/}}
{{- define "ingressgateway-accesslog.scalesOnMemory" -}}
{{- if and .Values.gateway.autoscaling.enabled .Values.gateway.autoscaling.targetMemoryUtilizationPercentage }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether gateway.proxyResources has no requests.memory.
*/}}
{{- define "ingressgateway-accesslog.proxyLacksMemoryRequest" -}}
{{- if not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"memory\":" (.Values.gateway.proxyResources | toJson) -1))) 0) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether fluentBit.resources has no requests.memory.
*/}}
{{- define "ingressgateway-accesslog.fluentBitLacksMemoryRequest" -}}
{{- if not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"memory\":" (.Values.fluentBit.resources | toJson) -1))) 0) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.resources has no requests.memory while nginx runs.
*/}}
{{- define "ingressgateway-accesslog.nginxLacksMemoryRequest" -}}
{{- if and (include "ingressgateway-accesslog.nginxInFront" .) (not (gt (int (len (regexFindAll "\"requests\":\\{[^{}]*\"memory\":" (.Values.nginx.resources | toJson) -1))) 0)) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.errorPages differs from the chart's default pages.
*/}}
{{- define "ingressgateway-accesslog.errorPagesChanged" -}}
{{- if ne (.Values.nginx.errorPages | toJson) "{\"502\":\"\\u003c!DOCTYPE html\\u003e\\n\\u003chtml\\u003e\\u003chead\\u003e\\u003ctitle\\u003e502 Bad Gateway\\u003c/title\\u003e\\u003c/head\\u003e\\n\\u003cbody\\u003e\\u003ch1\\u003eBad Gateway\\u003c/h1\\u003e\\u003cp\\u003eThe service is temporarily unreachable. Please retry shortly.\\u003c/p\\u003e\\u003c/body\\u003e\\u003c/html\\u003e\\n\",\"503\":\"\\u003c!DOCTYPE html\\u003e\\n\\u003chtml\\u003e\\u003chead\\u003e\\u003ctitle\\u003e503 Service Unavailable\\u003c/title\\u003e\\u003c/head\\u003e\\n\\u003cbody\\u003e\\u003ch1\\u003eService Unavailable\\u003c/h1\\u003e\\u003cp\\u003eThe service is temporarily unavailable. Please retry shortly.\\u003c/p\\u003e\\u003c/body\\u003e\\u003c/html\\u003e\\n\",\"504\":\"\\u003c!DOCTYPE html\\u003e\\n\\u003chtml\\u003e\\u003chead\\u003e\\u003ctitle\\u003e504 Gateway Timeout\\u003c/title\\u003e\\u003c/head\\u003e\\n\\u003cbody\\u003e\\u003ch1\\u003eGateway Timeout\\u003c/h1\\u003e\\u003cp\\u003eThe service did not answer in time. Please retry shortly.\\u003c/p\\u003e\\u003c/body\\u003e\\u003c/html\\u003e\\n\"}" }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether accessLog.output.hostPath is a system directory of the node, or one the system and the container runtimes share.
*/}}
{{- define "ingressgateway-accesslog.hostPathIsSystemDirectory" -}}
{{- if gt (int (len (regexFindAll "^/(var|var/log|var/lib|var/cache|var/spool|var/tmp|var/mail|var/opt|var/local|var/backups|home|opt|srv|mnt|media|tmp)/?$|^/(bin|boot|dev|etc|lib|lib32|lib64|libx32|proc|root|run|sbin|snap|sys|usr|var/run|var/lock|var/lib/kubelet|var/lib/containerd|var/lib/docker|var/lib/etcd|var/lib/cni|var/lib/dpkg|var/lib/apt|var/lib/rpm|var/lib/systemd|var/lib/calico|var/lib/cilium|var/log/pods|var/log/containers|var/log/journal|opt/cni)(/.*)?$" .Values.accessLog.output.hostPath -1))) 0 }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether fluent-bit forwards over TLS and verifies fluentd's certificate against the image's public CAs (no caSecret).
*/}}
{{- define "ingressgateway-accesslog.forwardVerifiesWithPublicCas" -}}
{{- if and .Values.accessLog.forward.enabled .Values.accessLog.forward.tls.enabled .Values.accessLog.forward.tls.verify (eq .Values.accessLog.forward.tls.caSecret.name "") }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether accessLog.forward.host is a cluster-internal name or a private address, which no public CA signs a certificate for.
*/}}
{{- define "ingressgateway-accesslog.forwardHostIsPrivate" -}}
{{- if gt (int (len (regexFindAll "^[^.]+$|\\.(svc|cluster\\.local|local|internal)$|^(127|10)\\.|^192\\.168\\.|^172\\.(1[6-9]|2[0-9]|3[01])\\." .Values.accessLog.forward.host -1))) 0 }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.listenPort, nginx.healthPort, fluentBit.httpPort, fluentBit.metricsPort and Istio's ports are not all different.
*/}}
{{- define "ingressgateway-accesslog.nginxPortsClash" -}}
{{- if ne (int (len (uniq (list (.Values.nginx.listenPort | int) (.Values.nginx.healthPort | int)
                                (.Values.fluentBit.httpPort | int) (.Values.fluentBit.metricsPort | int) 15000 15001
                                15004 15006 15008 15009 15020 15021 15053 15090))))
          (int (len (list (.Values.nginx.listenPort | int) (.Values.nginx.healthPort | int)
                          (.Values.fluentBit.httpPort | int) (.Values.fluentBit.metricsPort | int) 15000 15001 15004
                          15006 15008 15009 15020 15021 15053 15090))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.tls.port, the other nginx and fluent-bit ports and Istio's ports are not all different.
*/}}
{{- define "ingressgateway-accesslog.tlsPortClashes" -}}
{{- if ne (int (len (uniq (list (.Values.nginx.tls.port | int) (.Values.nginx.listenPort | int)
                                (.Values.nginx.healthPort | int) (.Values.fluentBit.httpPort | int)
                                (.Values.fluentBit.metricsPort | int) 15000 15001 15004 15006 15008 15009 15020 15021
                                15053 15090))))
          (int (len (list (.Values.nginx.tls.port | int) (.Values.nginx.listenPort | int)
                          (.Values.nginx.healthPort | int) (.Values.fluentBit.httpPort | int)
                          (.Values.fluentBit.metricsPort | int) 15000 15001 15004 15006 15008 15009 15020 15021 15053
                          15090))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.tls.offloadedPort, the other nginx and fluent-bit ports and Istio's ports are not all different.
*/}}
{{- define "ingressgateway-accesslog.offloadedPortClashes" -}}
{{- if ne (int (len (uniq (list (.Values.nginx.tls.offloadedPort | int) (.Values.nginx.listenPort | int)
                                (.Values.nginx.healthPort | int) (.Values.fluentBit.httpPort | int)
                                (.Values.fluentBit.metricsPort | int) 15000 15001 15004 15006 15008 15009 15020 15021
                                15053 15090))))
          (int (len (list (.Values.nginx.tls.offloadedPort | int) (.Values.nginx.listenPort | int)
                          (.Values.nginx.healthPort | int) (.Values.fluentBit.httpPort | int)
                          (.Values.fluentBit.metricsPort | int) 15000 15001 15004 15006 15008 15009 15020 15021 15053
                          15090))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether nginx.tls.offloadedPort is set to nginx.tls.port.
*/}}
{{- define "ingressgateway-accesslog.offloadedPortIsTlsPort" -}}
{{- if and .Values.nginx.tls.offloadedPort (eq (.Values.nginx.tls.offloadedPort | int) (.Values.nginx.tls.port | int)) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether fluentBit.httpPort, accessLog.envoy.port and Istio's ports are not all different.
*/}}
{{- define "ingressgateway-accesslog.envoyModePortsClash" -}}
{{- if ne (int (len (uniq (list (.Values.fluentBit.httpPort | int) (.Values.accessLog.envoy.port | int) 15000 15001
                                15004 15006 15008 15009 15020 15021 15053 15090))))
          (int (len (list (.Values.fluentBit.httpPort | int) (.Values.accessLog.envoy.port | int) 15000 15001 15004
                          15006 15008 15009 15020 15021 15053 15090))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether a host name appears twice in nginx.tls.certificates.
*/}}
{{- define "ingressgateway-accesslog.tlsHostListedTwice" -}}
{{- if ne (int (len (uniq (regexFindAll "\"[^\"]*\"," (.Values.nginx.tls.certificates | toJson | replace "]" "") -1))))
          (int (len (regexFindAll "\"[^\"]*\"," (.Values.nginx.tls.certificates | toJson | replace "]" "") -1))) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether an entry of service.ports has the port number nginx.tls.servicePort.
*/}}
{{- define "ingressgateway-accesslog.servicePortsHaveTlsServicePort" -}}
{{- if contains (printf "\"port\":%d," (int .Values.nginx.tls.servicePort)) (.Values.service.ports | toJson) }}
{{- "true" }}
{{- end }}
{{- end }}

{{/*
Whether accessLog.envoy.reconnectMaxInterval is shorter than accessLog.envoy.reconnectBaseInterval.
*/}}
{{- define "ingressgateway-accesslog.reconnectIntervalsReversed" -}}
{{- if lt (.Values.accessLog.envoy.reconnectMaxInterval | trimSuffix "s" | float64) (.Values.accessLog.envoy.reconnectBaseInterval | trimSuffix "s" | float64) }}
{{- "true" }}
{{- end }}
{{- end }}
