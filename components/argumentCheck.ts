/**
 * How a component refuses a bad argument, before any child resource exists: an error that names the
 * component, the field, what it expects and the value it got (DESIGN.md, "Component style").
 * `const fail = argumentCheck("CloudRunService", name)`, then `fail("minInstances", value, "an integer ≥ 0")`.
 */
export function argumentCheck(component: string, name: string): (field: string, value: unknown, expected: string) => never {
  return (field, value, expected) => {
    throw new Error(`${component} ${name}: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
  };
}
