// Entry of dist/ky.js: the HTTP library, required by the first request (src/mailgun/transport.ts), not at activation.
export { default as ky } from 'ky';
