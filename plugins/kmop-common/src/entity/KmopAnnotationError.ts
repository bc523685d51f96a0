/**
 * An entity annotation KMOP reads has a value it cannot use.
 *
 * @public
 */
export class KmopAnnotationError extends Error {
  /** The annotation at fault, e.g. `backstage.io/kubernetes-label-selector`. */
  readonly annotation: string;

  constructor(annotation: string, problem: string) {
    super(`Annotation ${annotation} ${problem}`);
    this.name = 'KmopAnnotationError';
    this.annotation = annotation;
  }
}
