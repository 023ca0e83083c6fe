import * as vscode from 'vscode';
import { parseMailgunDate } from '../mailgun';

/**
 * A tooltip of label/value lines. Values from the API go through appendText, which escapes markdown and HTML,
 * so a domain name or bounce error that contains markup is shown as plain text.
 */
export function detailsTooltip(title: string, rows: Array<[string, string | number | boolean | undefined | null]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**');
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  for (const [label, value] of rows) {
    if (value === undefined || value === null || value === '') continue;
    md.appendMarkdown(`${label}: `);
    md.appendText(String(value));
    md.appendMarkdown('  \n');
  }
  return md;
}

/** A Mailgun date (RFC 2822, RFC 3339…) as a readable local date and time, or the text as sent. */
export function formatDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = parseMailgunDate(value);
  return date ? date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : value;
}

/** Plain one-line text for labels and descriptions: collapses whitespace and line breaks. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
