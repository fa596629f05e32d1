/**
 * The name of a stack's private network, one rule for the stack file's schema and for DockerStack.
 *
 * Docker itself refuses only an empty name (daemon/libnetwork/controller.go, NewNetwork: "invalid
 * name: name is empty") and the networks it predefines ("operation is not permitted on predefined
 * <name> network": daemon/network.go, createNetwork, network.IsPredefined; on Linux bridge, host,
 * none and default, daemon/network/network_mode_unix.go isPreDefined), github:moby/moby at
 * b985e2313a86; the kreuzwerker provider's `docker_network.name` adds no rule. A 2-character minimum
 * is Docker's rule for container names (daemon/names/names.go RestrictedNamePattern), not for
 * networks. This estate's names are lower-case DNS labels besides: 1 to 63 characters.
 */
export const PredefinedNetworks = ["bridge", "host", "none", "default"] as const;

/** A lower-case DNS label that is none of Docker's predefined networks (a JSON-schema `pattern`). */
export const NetworkNamePattern = `^(?!(?:${PredefinedNetworks.join("|")})$)[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$`;

export const NetworkNameExpected = `a lower-case network name of letters, digits and '-', starting with a letter (at most 63 characters), not one Docker predefines (${PredefinedNetworks.join(", ")})`;
