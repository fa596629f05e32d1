/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the qualified type being the parents' types and its own, joined by `$`. */
export interface UrnParts {
  stack: string;
  project: string;
  /** The parents' types, outermost first (the root Stack left out), then the resource's own. */
  typeChain: string[];
  type: string;
  name: string;
}

const RootStackType = "pulumi:pulumi:Stack";

/** A URN's parts; a name may itself hold `::`. */
export function parseUrn(urn: string): UrnParts {
  const [head, project, qualifiedType, ...name] = urn.split("::");
  const typeChain = qualifiedType.split("$");
  return { stack: head.replace(/^urn:pulumi:/, ""), project, typeChain, type: typeChain[typeChain.length - 1], name: name.join("::") };
}

/** The URN the engine gives a resource: the parent's whole type chain, the root Stack type left out. */
export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  const parentChain = parentUrn ? parseUrn(parentUrn).typeChain.join("$") : RootStackType;
  const qualifiedType = parentChain === RootStackType ? type : `${parentChain}$${type}`;
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}
