// Re-exported so apps import `isKmopAvailable` for `EntitySwitch` from the plugin they install.
export { isKmopAvailable } from '@kmop/plugin-kmop-common';
