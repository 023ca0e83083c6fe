// Entry of the bench's bundle of the client and ky (shipped-client.ts).
export { createMailgunClient } from '../../src/mailgun';
export { default as ky } from 'ky';
export { domainSchemas } from '../../src/mailgun/domains';
