import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainHttpProblem } from '../../src/accounts/plain-http';

const allowed = [
  undefined,
  '',
  'https://api.mailgun.net/',
  'https://proxy.example:8443/mailgun/',
  'http://127.0.0.1:8025/',
  'http://127.12.0.3/',
  'http://localhost:3000/',
  'HTTP://LOCALHOST/',
  'http://[::1]:8080/',
  'http://0x7f.1/', // the URL parser reads this as 127.0.0.1
];
const refused = [
  'http://api.mailgun.net/',
  'http://mailgun-proxy.example:8080/',
  'http://10.0.0.5/',
  'http://192.168.1.20:8080/',
  'http://127.0.0.1.example.com/',
  'http://localhost.example.com/',
  'http://[::2]/',
  'http://128.0.0.1/',
];

for (const url of allowed) {
  test(`allows ${String(url)}`, () => assert.equal(plainHttpProblem(url, 'mailgun.apiBaseUrl.us'), undefined));
}
for (const url of refused) {
  test(`refuses ${url}, naming the setting and saying why`, () => {
    const problem = plainHttpProblem(url, 'mailgun.apiBaseUrl.eu');
    assert.ok(problem);
    assert.match(problem, /mailgun\.apiBaseUrl\.eu/);
    assert.match(problem, new RegExp(new URL(url).origin.replace(/[.[\]]/g, '\\$&')));
    assert.match(problem, /clear text.*https:\/\//);
  });
}
