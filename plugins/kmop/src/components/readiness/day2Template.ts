import type { ReadinessRemedy } from '@kmop/plugin-kmop-common';

/** Where the day-2 template (`examples/templates/kmop-day2`) is registered. */
export const DAY2_TEMPLATE_PATH = '/create/templates/default/kmop-day2';

/**
 * The link that opens the day-2 template for this entity with the resource to add filled
 * in (the scaffolder reads `formData` from the query).
 */
export function day2TemplateLink(
  entityRef: string,
  template: NonNullable<ReadinessRemedy['template']>,
): string {
  const formData = JSON.stringify({ entityRef, resource: template });
  return `${DAY2_TEMPLATE_PATH}?formData=${encodeURIComponent(formData)}`;
}

export const TEMPLATE_TITLES: Record<
  NonNullable<ReadinessRemedy['template']>,
  string
> = {
  slo: 'Add an SLO',
  resilience: 'Add a resilience policy',
  rollout: 'Add a rollout policy',
};
