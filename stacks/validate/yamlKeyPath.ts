import { isPair, isScalar, isSeq } from "yaml";
import { keyPath } from "./issues";

/**
 * `platform:secrets.JWT_SECRET.generate.rotation`: the config key path (below `config:`) of a node of
 * a stack file, from the ancestors the yaml package's `visit` hands it (messages name keys this way).
 */
export function yamlKeyPath(ancestors: readonly unknown[], self: unknown): string {
  const segments: (string | number)[] = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    if (isPair(node) && isScalar(node.key)) segments.push(String(node.key.value));
    else if (isSeq(node)) segments.push(node.items.indexOf((ancestors[i + 1] ?? self) as never));
  }
  if (segments[0] === "config") segments.shift();
  return keyPath(segments);
}
