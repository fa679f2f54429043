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
Whether fluent-bit runs as a native sidecar (init container with restartPolicy Always): asked for, or automatic on Kubernetes 1.29+.
*/}}
{{- define "ingressgateway-accesslog.fluentBitNativeSidecar" -}}
{{- if or (eq .Values.fluentBit.nativeSidecar "always") (and (eq .Values.fluentBit.nativeSidecar "auto") (semverCompare ">=1.29-0" .Capabilities.KubeVersion.Version)) }}
{{- "true" }}
{{- end }}
{{- end }}
