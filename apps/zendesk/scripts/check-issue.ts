// One finding of the offline package check: the validator's error key and a message for people.
export interface Issue {
  /** The error key zendesk_apps_support uses (config/locales/en.yml `txt.apps.admin.error.app_build.*`), or ours prefixed `inscope.`. */
  readonly key: string;
  readonly message: string;
}
