/** The runner relays the workbench log between these markers to the console and files the rest away. */
export const BEGIN_MARKER = '[mailgun-tests] begin';
export const END_MARKER = '[mailgun-tests] end';
