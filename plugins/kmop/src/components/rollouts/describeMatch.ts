import type { KmopMatchCondition } from '@kmop/plugin-kmop-common';

/** `header x-canary regex .*insider.* and cookie regex ^(.*?;)?(canary=always)(;.*)?$` */
export function describeMatch(conditions: KmopMatchCondition[]): string {
  if (conditions.length === 0) return 'every request';
  return conditions
    .map(c => {
      // The cookie header's name says nothing a person needs: "cookie regex …".
      const name = c.name && c.on !== 'cookie' ? ` ${c.name}` : '';
      const on = c.on === 'sourceLabel' ? 'caller label' : c.on;
      return `${on}${name} ${c.type} ${c.value}`;
    })
    .join(' and ');
}
