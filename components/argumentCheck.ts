/**
 * How a component refuses a bad argument, before any child resource exists: an error that names the
 * component, the field, what it expects and the value it got (DESIGN.md, "Component style").
 * `const fail = argumentCheck("CloudRunService", name)`, then `fail("minInstances", value, "an integer ≥ 0")`.
 *
 * The split of checks: a stack file's mistakes are the stack spec's (stacks/validate/rules/, one place
 * per area, with the file and key path in the message), so the program never reaches a component
 * with them. A component keeps only what protects it when used outside the assembly: arguments whose
 * wrong value would create a broken or unsafe resource (a range upside down, a missing provider, a
 * local Docker socket), never the stack file's cross-key rules. Each check a component keeps says
 * why in a one-line `// Guard:` comment beside it; a stack file's mistake it would catch is reported
 * first, with the file and key path, by the spec (stacks/validate/rules/).
 */
export function argumentCheck(component: string, name: string): (field: string, value: unknown, expected: string) => never {
  return (field, value, expected) => {
    throw new Error(`${component} ${name}: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
  };
}
