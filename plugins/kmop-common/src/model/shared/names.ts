import { z } from 'zod/v3';

/*
 * Name formats Kubernetes validates. The patterns are RE2-compatible (no look-arounds) because
 * they are copied into the CRDs, where the API server evaluates them with Go's regexp.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const ENTITY_REF_PART = '[A-Za-z0-9]([-_.A-Za-z0-9]{0,61}[A-Za-z0-9])?';
const ENTITY_REF = new RegExp(
  `^([A-Za-z][A-Za-z0-9]*:)?(${ENTITY_REF_PART}/)?${ENTITY_REF_PART}$`,
);

/** @public */
export const DNS1123_LABEL_MESSAGE =
  "must be a DNS-1123 label (lower case letters, digits and '-', ≤ 63 characters)";
/** @public */
export const DNS1123_SUBDOMAIN_MESSAGE =
  "must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', ≤ 253 characters)";
const QUALIFIED_NAME_MESSAGE =
  "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then up to 63 letters, digits, '-', '_' or '.'";
const LABEL_VALUE_MESSAGE =
  "must be a label value (up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";
const ENTITY_REF_MESSAGE =
  'must be a catalog entity reference such as group:default/payments-team';

/**
 * True for a DNS-1123 label: what Kubernetes accepts as a namespace or Service name.
 *
 * @public
 */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/**
 * True for a DNS-1123 subdomain: what Kubernetes accepts as most object names.
 *
 * @public
 */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/**
 * True for a label or annotation key (`[prefix/]name`).
 *
 * @public
 */
export function isQualifiedName(value: string): boolean {
  const slash = value.lastIndexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return false;
  }
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/**
 * True for a label value (may be empty).
 *
 * @public
 */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * A DNS-1123 label, e.g. a KMOP service name, a namespace or a Service name.
 *
 * @public
 */
export const dns1123LabelSchema = z
  .string()
  .max(63, { message: DNS1123_LABEL_MESSAGE })
  .regex(DNS1123_LABEL, { message: DNS1123_LABEL_MESSAGE });

/**
 * A DNS-1123 subdomain, the format of most Kubernetes object names.
 *
 * @public
 */
export const dns1123SubdomainSchema = z
  .string()
  .max(253, { message: DNS1123_SUBDOMAIN_MESSAGE })
  .regex(DNS1123_SUBDOMAIN, { message: DNS1123_SUBDOMAIN_MESSAGE });

/**
 * A label or annotation key. Checked in code: the optional prefix makes one pattern too long to read.
 *
 * @public
 */
export const qualifiedNameSchema = z
  .string()
  .refine(isQualifiedName, { message: QUALIFIED_NAME_MESSAGE });

/**
 * A label value.
 *
 * @public
 */
export const labelValueSchema = z
  .string()
  .max(63, { message: LABEL_VALUE_MESSAGE })
  .regex(LABEL_VALUE, { message: LABEL_VALUE_MESSAGE });

/**
 * A Backstage catalog entity reference, `[kind:][namespace/]name`.
 *
 * @public
 */
export const entityRefSchema = z
  .string()
  .regex(ENTITY_REF, { message: ENTITY_REF_MESSAGE });
