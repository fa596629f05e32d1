import * as k8s from "../providers/kubernetes";

/** Connections the app opens besides DNS: TCP ports to address ranges. */
export interface EgressRule {
  /** TCP ports, such as [27017]. */
  ports: number[];
  /** CIDRs, or "internet": every public IPv4 address (the private and link-local ranges excluded). */
  to: string[];
}

export interface NetworkPolicyArgs {
  /**
   * Who may connect to the container port: "anywhere" (outside the cluster too), "cluster" (any pod of
   * the cluster) or "namespace" (pods of the app's namespace).
   * @default "anywhere" behind a LoadBalancer Service (its traffic reaches the pod from other nodes'
   * addresses), else "cluster"
   */
  ingressFrom?: "anywhere" | "cluster" | "namespace";
  /** Named egress rules besides DNS (always allowed). @default none: the app reaches nothing else */
  egress?: Record<string, EgressRule>;
}

/**
 * The ranges "internet" leaves out: RFC 1918 (the VPC, its pods and services, Memorystore), shared
 * address space, loopback and link-local (169.254.169.254 is the metadata server, which hands out the
 * node's credentials).
 */
export const NonPublicRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];

/**
 * Where pods resolve names on GKE: kube-dns, NodeLocal DNSCache's 169.254.20.10 and, with Cloud DNS
 * for GKE, the metadata server's 169.254.169.254. The link-local ones are host-networked, so no pod
 * selector matches them (tektoncd/operator#4001, restatedev/restate-operator#88); only port 53 is
 * opened to them.
 */
const DnsPeers: k8s.types.input.networking.v1.NetworkPolicyPeer[] = [
  { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
  { ipBlock: { cidr: "169.254.20.10/32" } },
  { ipBlock: { cidr: "169.254.169.254/32" } },
];

const ingressPeers = (from: NonNullable<NetworkPolicyArgs["ingressFrom"]>): k8s.types.input.networking.v1.NetworkPolicyPeer[] | undefined => {
  if (from === "cluster") return [{ namespaceSelector: {} }];
  if (from === "namespace") return [{ podSelector: {} }];
  return undefined; // no `from`: every source
};

const peer = (to: string): k8s.types.input.networking.v1.NetworkPolicyPeer =>
  to === "internet" ? { ipBlock: { cidr: "0.0.0.0/0", except: NonPublicRanges } } : { ipBlock: { cidr: to } };

/**
 * Deny everything, then allow the container port in and DNS plus the declared egress out (Polaris
 * missingNetworkPolicy, kube-score pod-networkpolicy, CIS Kubernetes 5.3.2). The kubelet's probes
 * come from the pod's own node, which a NetworkPolicy always allows.
 */
export function networkPolicySpec(
  selector: Record<string, string>,
  port: number,
  args: NetworkPolicyArgs,
  serviceType: "ClusterIP" | "LoadBalancer",
): k8s.types.input.networking.v1.NetworkPolicySpec {
  const from = ingressPeers(args.ingressFrom ?? (serviceType === "LoadBalancer" ? "anywhere" : "cluster"));
  const egress = Object.entries(args.egress ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return {
    podSelector: { matchLabels: selector },
    policyTypes: ["Ingress", "Egress"],
    ingress: [{ ...(from ? { from } : {}), ports: [{ protocol: "TCP", port }] }],
    egress: [
      {
        to: DnsPeers,
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
      ...egress.map(([, rule]) => ({ to: rule.to.map(peer), ports: rule.ports.map((p) => ({ protocol: "TCP", port: p })) })),
    ],
  };
}

/** What is wrong with an egress rule, as the key, what it must be and what it is; undefined when it is fine. */
export function egressProblem(rule: EgressRule): { key: "ports" | "to"; expected: string; found: unknown } | undefined {
  const badPort = rule.ports.find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
  if (!rule.ports.length || badPort !== undefined)
    return { key: "ports", expected: "TCP ports from 1 to 65535", found: rule.ports.length ? badPort : rule.ports };
  if (!rule.to.length) return { key: "to", expected: "at least one range", found: rule.to };
  const bad = rule.to.find((to) => to !== "internet" && !isIpv4Cidr(to));
  if (bad !== undefined) return { key: "to", expected: '"internet" or an IPv4 CIDR such as 10.0.0.0/8', found: bad };
  // 0.0.0.0/0 would open the cluster's own pods and the metadata server too.
  const everything = rule.to.find((to) => to.endsWith("/0"));
  if (everything !== undefined)
    return { key: "to", expected: '"internet" rather than a /0, which also opens the cluster\'s own pods and the metadata server', found: everything };
  return undefined;
}

function isIpv4Cidr(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  return !!m && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}
