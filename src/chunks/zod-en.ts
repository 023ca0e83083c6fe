// Entry of dist/zod-en.js: zod's English issue messages, loaded the first time a response fails its schema.
export { default as en } from 'zod/v4/locales/en.js';
