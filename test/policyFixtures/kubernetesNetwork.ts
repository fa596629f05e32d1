import { kubernetesNamespacePodSecurity, kubernetesNoDefaultNamespace } from "../../policies/rules/kubernetesNamespaces";
import { kubernetesNetworkPolicy, kubernetesServiceNoExternalIps } from "../../policies/rules/kubernetesNetwork";
import { kubernetesNoPlaintextSecretEnv } from "../../policies/rules/secretEnv";
import { props, resource, RuleSuite } from "../policyHarness";
import { asKind, container, deployment, estate } from "./kubernetes";

const Labels = { product: "rez", environment: "prod", owner: "platform-team" };

/** What the KubernetesApp component makes: deny all, the port in, DNS and Atlas out. */
export const networkPolicy = () =>
  resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "merchant-backend-netpol", {
    metadata: { name: "merchant-backend-netpol", namespace: "production", labels: { app: "merchant-backend", ...Labels } },
    spec: {
      podSelector: { matchLabels: { app: "merchant-backend" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ ports: [{ protocol: "TCP", port: 3000 }] }],
      egress: [
        {
          to: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } },
          ],
          ports: [{ protocol: "UDP", port: 53 }],
        },
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }], ports: [{ protocol: "TCP", port: 27017 }] },
      ],
    },
  });

const namespace = (labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted" }) =>
  resource("kubernetes:core/v1:Namespace", "rez-prod-production", { metadata: { name: "production", labels: { ...Labels, ...labels } } });

type Rs = Parameters<typeof props>[0];
const env = (rs: Rs) => container(rs).env;

export const kubernetesNetworkSuites: RuleSuite[] = [
  {
    policy: kubernetesNetworkPolicy,
    good: () => [...estate(), networkPolicy()],
    violations: [
      ["no NetworkPolicy", (rs) => void rs.splice(4, 1), /Deployment production\/merchant-backend is selected by no NetworkPolicy/],
      [
        "a NetworkPolicy selecting other pods",
        (rs) => void (props(rs, 4).spec.podSelector = { matchLabels: { app: "merchant-api" } }),
        /is selected by no NetworkPolicy/,
      ],
      ["a NetworkPolicy in another namespace", (rs) => void (props(rs, 4).metadata.namespace = "staging"), /is selected by no NetworkPolicy/],
      [
        "ingress only (egress open)",
        (rs) => void ((props(rs, 4).spec.policyTypes = ["Ingress"]), delete props(rs, 4).spec.egress),
        /NetworkPolicies restrict no egress traffic/,
      ],
      [
        "an egress rule that allows everything",
        (rs) => void props(rs, 4).spec.egress.push({}),
        /NetworkPolicy production\/merchant-backend-netpol lets Deployment production\/merchant-backend connect anywhere/,
      ],
      [
        "an ingress rule that allows everything",
        (rs) => void (props(rs, 4).spec.ingress = [{}]),
        /lets every connection in to Deployment production\/merchant-backend/,
      ],
      [
        "a StatefulSet without one",
        (rs) =>
          void ((props(rs, 4).spec.podSelector = { matchLabels: { app: "other" } }), asKind(rs, "kubernetes:apps/v1:StatefulSet", (t) => ({ template: t }))),
        /StatefulSet production\/merchant-backend is selected by no NetworkPolicy/,
      ],
    ],
    passes: [
      ["a namespace-wide default-deny policy ({} selector)", (rs) => void (props(rs, 4).spec.podSelector = {})],
      [
        "a matchExpressions selector",
        (rs) => void (props(rs, 4).spec.podSelector = { matchExpressions: [{ key: "app", operator: "In", values: ["merchant-backend"] }] }),
      ],
      ["egress implied by egress rules (no policyTypes)", (rs) => void delete props(rs, 4).spec.policyTypes],
      ["a reviewed exempt namespace", (rs) => void rs.splice(4, 1), { exemptNamespaces: ["production"] }],
    ],
  },
  {
    policy: kubernetesServiceNoExternalIps,
    good: () => estate(),
    violations: [
      [
        "a Service with externalIPs",
        (rs) => void (props(rs, 3).spec.externalIPs = ["203.0.113.7"]),
        /Service production\/merchant-backend-service sets externalIPs 203.0.113.7/,
      ],
    ],
    passes: [["an empty list", (rs) => void (props(rs, 3).spec.externalIPs = [])]],
  },
  {
    policy: kubernetesNamespacePodSecurity,
    good: () => [namespace(), deployment()],
    violations: [
      [
        "the enforce label weakened to baseline",
        (rs) => void (props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline"),
        /Namespace production enforces Pod Security "baseline"; the minimum is "restricted"/,
      ],
      [
        "the enforce label removed",
        (rs) => void delete props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce"],
        /Namespace production enforces no Pod Security level/,
      ],
      [
        "the enforce label privileged",
        (rs) => void (props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged"),
        /enforces Pod Security "privileged"/,
      ],
      [
        "an old pinned version",
        (rs) => void (props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce-version"] = "v1.25"),
        /pins the Pod Security version v1.25; use latest/,
      ],
      [
        "a workload in a namespace this stack does not declare",
        (rs) => void (props(rs, 1).metadata.namespace = "payments"),
        /Deployment payments\/merchant-backend runs in namespace payments, which this stack does not declare/,
      ],
    ],
    passes: [
      ["enforce-version latest", (rs) => void (props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce-version"] = "latest")],
      [
        "baseline where the config allows it",
        (rs) => void (props(rs, 0).metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline"),
        { level: "baseline" },
      ],
      ["a reviewed external namespace", (rs) => void (props(rs, 1).metadata.namespace = "payments"), { externalNamespaces: ["payments"] }],
    ],
  },
  {
    policy: kubernetesNoDefaultNamespace,
    good: () => [...estate(), namespace()],
    violations: [
      ["a Deployment with no namespace", (rs) => void delete props(rs, 0).metadata.namespace, /Deployment merchant-backend is in the default namespace/],
      ["a Service in default", (rs) => void (props(rs, 3).metadata.namespace = "default"), /Service merchant-backend-service is in the default namespace/],
    ],
    passes: [
      [
        "no namespace, through a provider whose namespace is production",
        (rs) => {
          const provider = resource("pulumi:providers:kubernetes", "k8s", { namespace: "production" });
          delete props(rs, 0).metadata.namespace;
          rs[0].provider = provider.urn;
          rs.push(provider);
        },
      ],
    ],
  },
  {
    policy: kubernetesNoPlaintextSecretEnv,
    good: () => [deployment()],
    violations: [
      [
        "a connection string with a password",
        (rs) => void env(rs).push({ name: "CACHE", value: "redis://:hunter2hunter2@10.0.0.5:6379" }),
        /Deployment production\/merchant-backend container "api" sets CACHE as a literal env var, and its value is a password in a URL/,
      ],
      ["an AWS access key id", (rs) => void env(rs).push({ name: "S3_ID", value: "AKIAIOSFODNN7EXAMPLE" }), /S3_ID .* an AWS access key id/],
      ["a long random string", (rs) => void env(rs).push({ name: "SIGNING", value: "q8Zr3Kp1Vx7Lm2Nb6Tc9Wd4Yf0Hg5Js" }), /SIGNING .* a high-entropy string/],
      ["a Stripe key", (rs) => void env(rs).push({ name: "PAYMENTS", value: "sk_live_51Habcdefghijklmnop" }), /a Stripe secret key/],
    ],
    passes: [
      [
        "an OAuth redirect URI (a URL, not a credential)",
        (rs) => void env(rs).push({ name: "OAUTH_REDIRECT_URI", value: "https://api.rezapp.com/auth/callback" }),
      ],
      ["a git commit id", (rs) => void env(rs).push({ name: "GIT_SHA", value: "0123456789abcdef0123456789abcdef01234567" })],
      ["a reviewed public key", (rs) => void env(rs).push({ name: "MAPS_KEY", value: "q8Zr3Kp1Vx7Lm2Nb6Tc9Wd4Yf0Hg5Js" }), { allowedNames: ["MAPS_KEY"] }],
    ],
  },
];
