{{/* The objects' name: the release name, with "porthole" added unless it is in it already. */}}
{{- define "porthole.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "porthole.selectorLabels" -}}
app.kubernetes.io/name: porthole
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "porthole.labels" -}}
{{ include "porthole.selectorLabels" . }}
app.kubernetes.io/part-of: porthole
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Fails the render with a clear message when the values can't make a working install. */}}
{{- define "porthole.validate" -}}
{{- if not (has .Values.mode (list "oidc" "proxy" "token")) -}}
{{- fail (printf "mode must be oidc, proxy or token (got %q): see deploy/README.md" .Values.mode) -}}
{{- end -}}
{{- if and (eq .Values.mode "oidc") (or (not .Values.oidc.issuerUrl) (not .Values.oidc.clientId)) -}}
{{- fail "mode oidc needs oidc.issuerUrl and oidc.clientId (the issuer and client id the API server trusts)" -}}
{{- end -}}
{{- if and (eq .Values.mode "proxy") (not .Values.proxy.trustedProxies) -}}
{{- fail "mode proxy needs proxy.trustedProxies: the addresses/CIDRs of the authenticating proxy (e.g. the ingress controller's pods)" -}}
{{- end -}}
{{- if not (hasPrefix "http" .Values.externalUrl) -}}
{{- fail (printf "externalUrl must be the URL people open, like https://%s" .Values.host) -}}
{{- end -}}
{{- end -}}
