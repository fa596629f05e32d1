import { Type } from "@sinclair/typebox";
import { Integer, NamedMap, Strict } from "./common";

export const ProductKey = "^[a-z][a-z0-9-]{0,30}$";
export const ProductKeyExpected = "a product name such as mixillo (lower-case letters, digits and '-')";

/**
 * On-call (runbook 000 "Escalation Procedures"): PagerDuty escalation policies and one PagerDuty
 * service per product. People and schedules are PagerDuty ids only: no names, e-mails or phones.
 */

export const PagerDutyId = Type.String({ pattern: "^P[A-Z0-9]{5,13}$", expected: "a PagerDuty id such as PABC123 (P and 6-14 upper-case letters or digits)" });

/** Exactly one of `schedule` or `user` (checked by stacks/validate/rules/oncall.ts). */
export const EscalationTarget = Strict({
  schedule: Type.Optional(PagerDutyId),
  user: Type.Optional(PagerDutyId),
});

export const EscalationLevel = Strict({
  /** Who this level is in the runbook's tree ("on-call engineer"); shown in PagerDuty's description. */
  name: Type.String({ minLength: 1, maxLength: 60, expected: "a role name of 1 to 60 characters" }),
  /** PagerDuty's escalation delay: minutes at this level before the next one is paged. */
  escalateAfterMinutes: Integer(1, 1440, { expected: "minutes from 1 to 1440 before the next level is paged" }),
  targets: Type.Array(EscalationTarget, { minItems: 1, expected: "at least one target: a schedule or user id" }),
});

export const EscalationPolicy = Strict({
  levels: Type.Array(EscalationLevel, { minItems: 1, maxItems: 20, expected: "a list of 1 to 20 escalation levels" }),
  /** Times the whole tree repeats when nobody acknowledges. */
  numLoops: Integer(0, 9, { default: 2, expected: "a number of repeats from 0 to 9" }),
});

export const OncallService = Strict({
  escalationPolicy: Type.String({ minLength: 1, expected: "the name of an escalation policy under platform:oncall.escalationPolicies" }),
  /** An open incident resolves by itself after this long (runbook 000: P1 within 1 h, P2 within 4 h). */
  autoResolveTimeoutMinutes: Integer(1, 10080, { default: 240, expected: "minutes from 1 to 10080 (a week)" }),
  /** An acknowledged incident pages again when nobody resolves it within this. */
  acknowledgementTimeoutMinutes: Integer(1, 1440, { default: 30, expected: "minutes from 1 to 1440" }),
});

export const OncallSettings = Strict({
  escalationPolicies: NamedMap("^[a-z][a-z0-9-]{0,40}$", "a lower-case policy name such as engineering", EscalationPolicy),
  /** Keyed by product (mixillo, fixzit, rez, spilttea): one PagerDuty service each. */
  services: NamedMap(ProductKey, ProductKeyExpected, OncallService),
});

export const OncallKeys = {
  "platform:oncall": Type.Optional(OncallSettings),
};
