/**
 * A JSON value, as Kubernetes objects are made of.
 *
 * @public
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * A JSON object.
 *
 * @public
 */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Metadata of an object a compiler emits.
 *
 * @public
 */
export interface NativeObjectMeta {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A Kubernetes object a compiler emits, ready to be written as YAML or applied.
 *
 * @public
 */
export interface NativeObject {
  apiVersion: string;
  kind: string;
  metadata: NativeObjectMeta;
  spec: JsonObject;
}

/**
 * What a compiler produces.
 *
 * @public
 */
export interface CompileResult {
  objects: NativeObject[];
  /**
   * Parts of the KMOP resource the target cannot express, in words a person
   * can act on (e.g. Sloth has no per-SLO window).
   */
  warnings: string[];
}

/**
 * A KMOP resource that cannot be compiled to the chosen target, e.g. an SLO
 * query Pyrra cannot take. `path` is the field at fault, relative to the
 * resource (`spec.indicator.errorQuery`), or empty when the resource as a
 * whole cannot be compiled (no chosen target takes its kind).
 *
 * @public
 */
export class KmopCompileError extends Error {
  readonly path: string;
  readonly resource: string;

  constructor(options: { resource: string; path: string; message: string }) {
    super(
      options.path
        ? `${options.resource}: ${options.path} ${options.message}`
        : `${options.resource} ${options.message}`,
    );
    this.name = 'KmopCompileError';
    this.path = options.path;
    this.resource = options.resource;
  }
}
