/** The sections of the Settings dialog, in order, for its navigation and for opening it at one. */
export const SETTINGS_SECTIONS = [
  { id: 'database', title: 'Database' },
  { id: 'nationalize', title: 'nationalize.io' },
  { id: 'enrichment', title: 'Enrichment' },
  { id: 'crm', title: 'CRM sync' },
  { id: 'secrets', title: 'Secret storage' },
] as const;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]['id'];
