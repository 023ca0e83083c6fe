// Entry of dist/commands.js: every command handler and the panel hosts, required the first time a command runs or a
// stats panel is restored (src/commands/lazy.ts). Modules the main bundle also holds (tree nodes, services, prompts)
// are not copied in: esbuild.mjs points their imports at the main bundle's own instances.
export { loadCommands } from '../commands/index';
export { verifyPolling } from '../commands/domains';
// Folded in here by esbuild.mjs: the API groups only commands and panels reach (src/chunks/mailgun-more.ts).
export * from './mailgun-more';
