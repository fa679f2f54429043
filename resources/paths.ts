// Where things live inside the pod: one place, so containers, volumes and configs agree.
import { tpl } from "../compiler/index.ts";
import { v } from "./values.ts";

export const NGINX_CONFIG_DIR = "/etc/nginx/accesslog";
export const NGINX_CONF = `${NGINX_CONFIG_DIR}/nginx.conf`;
export const FLUENT_BIT_CONFIG_DIR = "/fluent-bit/etc/accesslog";
export const FLUENT_BIT_CONF = `${FLUENT_BIT_CONFIG_DIR}/fluent-bit.conf`;
export const FLUENT_BIT_PARSERS = `${FLUENT_BIT_CONFIG_DIR}/parsers.conf`;
export const FLUENT_BIT_BUFFER_DIR = "/var/fluent-bit/buffer";
/** fluentd's CA certificate (accessLog.forward.tls.caSecret), mounted from its Secret. */
export const FORWARD_CA_DIR = "/fluent-bit/forward-ca";
export const FORWARD_CA_FILE = `${FORWARD_CA_DIR}/ca.crt`;
/** Where the node's hostPath (accessLog.output.hostPath) is mounted, in fluent-bit and prepare-log-dir. */
export const HOST_PATH_MOUNT = "/var/log/hostpath";
/**
 * The chart's own directory below the hostPath, which receives the files: the only node
 * directory the chart creates, and the only one whose owner and mode it changes.
 */
export const OWN_OUTPUT_DIR = "accesslog";
/** That directory in the containers. */
export const LOG_OUTPUT_DIR = `${HOST_PATH_MOUNT}/${OWN_OUTPUT_DIR}`;
export const SOCKET_FILE = "nginx.sock";
export const socketPath = tpl`${v.accessLog.socketDirectory}/${SOCKET_FILE}`;
/** nginx's error log, for fluent-bit to count the lines nginx could not hand over. */
export const ERROR_SOCKET_FILE = "nginx-error.sock";
export const errorSocketPath = tpl`${v.accessLog.socketDirectory}/${ERROR_SOCKET_FILE}`;

/** UIDs of the non-root containers: nginx-unprivileged's nginx user and distroless' nonroot. */
export const NGINX_UID = 101;
export const FLUENT_BIT_UID = 65532;

/** Envoy's bootstrap additions (the cluster of fluent-bit's forward input), in istio-proxy. */
export const ENVOY_BOOTSTRAP_DIR = "/etc/istio/accesslog-bootstrap";
export const ENVOY_BOOTSTRAP_FILE = "custom_bootstrap.json";
/** The name of that cluster: Envoy's fluentd logger only accepts clusters from the bootstrap. */
export const ENVOY_ACCESSLOG_CLUSTER = "accesslog_fluent_bit";
/** The Lua filter that turns Envoy's records into nginx's lines. */
export const FLUENT_BIT_ENVOY_LUA = "accesslog-envoy.lua";
/** nginx's certificates: Secret n of nginx.tls.certificates is mounted at <dir>/<n>. */
export const NGINX_TLS_DIR = "/etc/nginx/tls";
/** The CA bundle client certificates must chain to (nginx.tls.clientCertificates), a directory of NGINX_TLS_DIR too. */
export const NGINX_CLIENT_CA_DIR = `${NGINX_TLS_DIR}/client-ca`;
