// Checks the command contributions against the code: every declared command is registered and every registered
// command is declared; menus name only declared commands; palette commands carry the "Mailgun" category and an icon.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    menus?: Record<string, Array<{ command?: string; submenu?: string }>>;
  };
}

const root = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
/** package.json's `%key%` placeholders resolved through package.nls.json, as VS Code shows them. */
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (s: string | undefined): string | undefined => s?.replace(/^%([\w.-]+)%$/, (placeholder, key: string) => nls[key] ?? placeholder);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// The registry (src/commands/index.ts) lists `'mailgun.x': handler`; commands not yet moved to it still call registerCommand('mailgun.x', …).
const registered = new Set<string>();
for (const m of readFileSync(join(root, 'src', 'commands', 'index.ts'), 'utf8').matchAll(/^\s*['"`](mailgun\.[\w.]+)['"`]\s*:/gm)) registered.add(m[1]);
for (const file of sources(join(root, 'src'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/registerCommand\(\s*['"`]([\w.]+)['"`]/g)) registered.add(m[1]);
}

const declared = new Set(manifest.contributes.commands.map((c) => c.command));
const problems: string[] = [];
for (const c of declared) if (!registered.has(c)) problems.push(`${c} is declared in package.json but never registered in src/`);
for (const c of registered) if (!declared.has(c)) problems.push(`${c} is registered in src/ but not declared in package.json`);
for (const c of manifest.contributes.commands) {
  if (text(c.category) !== 'Mailgun') problems.push(`${c.command} has category "${text(c.category) ?? ''}", expected "Mailgun"`);
  if (!c.icon?.startsWith('$(')) problems.push(`${c.command} has no codicon`);
}
for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
  for (const item of items) if (item.command && !declared.has(item.command)) problems.push(`menu ${menu} names undeclared ${item.command}`);
}

if (problems.length > 0) {
  console.error(problems.map((p) => `✘ ${p}`).join('\n'));
  process.exit(1);
}
console.log(`✔ ${declared.size} commands declared and registered`);
